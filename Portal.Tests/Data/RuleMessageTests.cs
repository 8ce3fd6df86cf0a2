using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Tests.Data;

/// <summary>
/// The behaviours that mutation testing found unasserted (issue 13): every rule's attribute, code and message as
/// users read them, every broken rule reported at once, the roles, search escaping and DELETE with a matching ETag.
/// </summary>
public sealed class RuleMessageTests : ServiceTest
{
    public static TheoryData<string, string?, string?, string, string, string> Rules() => new()
    {
        // name, url, description → attribute, code, message
        { "", "https://a.example", null, "name", "missing", "name is required." },
        { new string('a', 81), "https://a.example", null, "name", "too_long", "name must be at most 80 characters." },
        { "A\u0001", "https://a.example", null, "name", "invalid", "name must not contain control characters." },
        { "A", "  ", null, "url", "missing", "url is required." },
        { "A", "https://a.example/" + new string('a', 2048), null, "url", "too_long", "url must be at most 2048 characters." },
        { "A", "https://acme.com/a b", null, "url", "invalid", "url must be an absolute http or https URL." },
        { "A", "http:\\\\acme.com", null, "url", "invalid", "url must be an absolute http or https URL." },
        { "A", "javascript:alert(1)", null, "url", "invalid", "url must be an absolute http or https URL." },
        { "A", "https://a.example/\u0001", null, "url", "invalid", "url must not contain control characters." },
        { "A", "https://a.example/a\nb", null, "url", "invalid", "url must not contain control characters." }, // a line break too, unlike in a description
        { "A", "https://a.example", new string('d', 1001), "description", "too_long", "description must be at most 1000 characters." },
        { "A", "https://a.example", "a\u0000b", "description", "invalid", "description must not contain control characters other than line breaks and tabs." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_rule_reports_its_attribute_code_and_message(string name, string? url, string? description, string attribute, string code, string message)
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme,
            new IntegrationInput(Field.Of(name), url is null ? Field.Absent : Field.Of(url), description is null ? Field.Absent : Field.Of(description))));

        Assert.Equal((attribute, code, message), (error.Errors.Single().Attribute, error.Errors.Single().Code, error.Errors.Single().Message));
    }

    [Fact]
    public async Task Wrong_types_and_unknown_attributes_name_their_attribute()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme,
            new IntegrationInput(Field.OfOtherType("number"), Field.OfOtherType("array"), Field.OfOtherType("object")) { UnknownAttributes = ["nmae"] }));

        Assert.Equal(
            [
                ("nmae", "unknown_attribute", "nmae is not an attribute of an integration. Allowed attributes are name, url and description."),
                ("name", "invalid_type", "name must be a string, not a number."),
                ("url", "invalid_type", "url must be a string, not an array."),
                ("description", "invalid_type", "description must be a string or null, not an object."),
            ],
            error.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_url_on_patch_is_missing_and_changes_nothing(string url)
    {
        var created = await CreateAsync(Acme, "Kept");

        var error = await InvalidAsync(() => Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of(url))));

        Assert.Equal(("url", "missing"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
        Assert.Equal(created, await Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task A_taken_name_and_an_invalid_url_are_both_reported_on_create_and_on_patch()
    {
        await CreateAsync(Acme, "Taken");
        var other = await CreateAsync(Acme, "Other");

        var onCreate = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(name: "taken", url: "acme.com")));
        var onPatch = await InvalidAsync(() => Service.UpdateAsync(Acme, other.CloudId, Patch(Field.Of(" TAKEN "), Field.Of("acme.com"))));

        Assert.Equal([("url", "invalid"), ("name", "taken")], onCreate.Errors.Select(e => (e.Attribute, e.Code)));
        Assert.Equal([("url", "invalid"), ("name", "taken")], onPatch.Errors.Select(e => (e.Attribute, e.Code)));
    }

    [Fact]
    public async Task A_tenant_can_neither_list_nor_count_installations_through_the_integrator_methods()
    {
        var created = await CreateAsync(Acme, "Mine");

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ListAsync(Farm, new IntegrationListQuery(PageRequest.Default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CountInstallationsAsync(Farm, created.CloudId));
    }

    [Theory]
    [InlineData("_", "a_b")]
    [InlineData("\\", "a\\b")]
    [InlineData("%", "100%")]
    public async Task Search_treats_like_wildcards_and_the_escape_character_literally(string search, string match)
    {
        await CreateAsync(Acme, match);
        await CreateAsync(Acme, "axb plain");

        var page = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Search = search });

        Assert.Equal([match], page.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Delete_with_a_matching_if_match_deletes()
    {
        var created = await CreateAsync(Acme, "Doomed");

        await Service.DeleteAsync(Acme, created.CloudId, IfMatch.Parse(created.ETag));

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task If_match_with_a_list_of_etags_applies_when_one_matches()
    {
        var created = await CreateAsync(Acme, "Listed");

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/2")),
            IfMatch.Parse($"\"nope\", {created.ETag}, \"other\""));

        Assert.Equal("https://acme.com/2", updated.Url);
    }
}
