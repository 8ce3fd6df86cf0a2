using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Tests.Data;

/// <summary>
/// The rules as a PATCH meets them, found unasserted by mutation testing (issue 13): what a null means for each
/// attribute, what an empty description does, and the messages a user reads.
/// </summary>
public sealed class PatchRuleTests : ServiceTest
{
    [Fact]
    public async Task A_null_name_or_url_on_patch_cannot_clear_it_and_says_so()
    {
        var created = await Service.CreateAsync(Acme, Valid("Keeps", "https://acme.com/keeps"));

        var error = await InvalidAsync(() => Service.UpdateAsync(Acme, created.CloudId, Patch(name: Field.Null, url: Field.Null)));

        Assert.Equal(
            [
                ("name", ValidationCodes.Invalid, "name cannot be null; it can be changed but not cleared."),
                ("url", ValidationCodes.Invalid, "url cannot be null; it can be changed but not cleared."),
            ],
            error.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
        var stored = await Service.GetAsync(Acme, created.CloudId);
        Assert.Equal(("Keeps", "https://acme.com/keeps"), (stored.Name, stored.Url));
    }

    [Fact]
    public async Task A_null_name_or_url_on_create_is_reported_as_missing_and_creates_nothing()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, new IntegrationInput(Field.Null, Field.Null, Field.Null)));

        Assert.Equal(
            [
                ("name", ValidationCodes.Missing, "name is required."),
                ("url", ValidationCodes.Missing, "url is required."),
            ],
            error.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
        Assert.Equal(0, (await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default))).Meta.Total);
    }

    [Fact]
    public async Task A_null_or_empty_description_on_patch_clears_it()
    {
        var created = await Service.CreateAsync(Acme, Valid("Described", description: "First words"));

        var emptied = await Service.UpdateAsync(Acme, created.CloudId, Patch(description: Field.Of("")));
        await Service.UpdateAsync(Acme, created.CloudId, Patch(description: Field.Of("Again")));
        var nulled = await Service.UpdateAsync(Acme, created.CloudId, Patch(description: Field.Null));

        Assert.Null(emptied.Description);
        Assert.Null(nulled.Description);
        Assert.Null((await Service.GetAsync(Acme, created.CloudId)).Description);
    }

    [Fact]
    public async Task A_patch_that_leaves_an_attribute_out_keeps_it()
    {
        var created = await Service.CreateAsync(Acme, Valid("Untouched", "https://acme.com/untouched", "Kept words"));

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/moved")));

        Assert.Equal(("Untouched", "https://acme.com/moved", "Kept words"), (updated.Name, updated.Url, updated.Description));
    }

    [Fact]
    public async Task A_wrong_type_on_patch_names_the_type_sent()
    {
        var created = await CreateAsync(Acme, "Typed");

        var error = await InvalidAsync(() => Service.UpdateAsync(Acme, created.CloudId,
            Patch(name: Field.OfOtherType("boolean"), url: Field.OfOtherType("object"), description: Field.OfOtherType("number"))));

        Assert.Equal(
            [
                "name must be a string, not a boolean.",
                "url must be a string, not an object.",
                "description must be a string or null, not a number.",
            ],
            error.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task A_url_with_user_info_is_refused_with_a_message_that_explains_why()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid("Spoof", "https://gestal.cloud@evil.example/")));

        Assert.Equal(
            "url must not contain user info (a name or password before “@”, as in https://user@host): "
            + "it makes a link look like another site's. Give the site's address itself.",
            error.Errors.Single().Message);
    }

    [Fact]
    public async Task An_at_sign_right_after_a_query_mark_is_not_user_info()
    {
        var created = await Service.CreateAsync(Acme, Valid("Odd", "https://acme.com?@evil.example"));

        Assert.Equal("https://acme.com?@evil.example", created.Url);
    }

    [Fact]
    public async Task A_description_of_1000_emoji_is_accepted()
    {
        var description = string.Concat(Enumerable.Repeat("🐖", 1000));

        var created = await Service.CreateAsync(Acme, Valid("Pigs", description: description));

        Assert.Equal(description, created.Description);
    }

    [Fact]
    public async Task A_description_may_hold_carriage_returns_but_a_name_may_not()
    {
        var created = await Service.CreateAsync(Acme, Valid("Lines", description: "one\rtwo"));
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid("one\rtwo")));

        Assert.Equal("one\rtwo", created.Description);
        Assert.Equal(("name", ValidationCodes.Invalid), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }
}
