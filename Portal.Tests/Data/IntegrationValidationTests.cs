using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

public sealed class IntegrationValidationTests : ServiceTest
{
    [Fact]
    public async Task Create_without_name_and_url_reports_both_as_missing()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Patch(description: Field.Of("x"))));

        Assert.Equal(
            [("name", "missing", "name is required."), ("url", "missing", "url is required.")],
            error.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_with_blank_name_is_missing(string name)
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(name: name)));

        Assert.Equal(("name", "missing"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Create_with_null_name_is_missing()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid() with { Name = Field.Null }));

        Assert.Equal("missing", error.Errors.Single().Code);
    }

    [Fact]
    public async Task Name_is_trimmed_and_may_have_80_characters_counted_as_code_points()
    {
        var eightyEmoji = string.Concat(Enumerable.Repeat("🐖", 80)); // 160 UTF-16 units, 80 characters

        var created = await Service.CreateAsync(Acme, Valid(name: "  " + eightyEmoji + "  "));

        Assert.Equal(eightyEmoji, created.Name);
    }

    [Fact]
    public async Task Name_of_81_characters_is_too_long()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(name: new string('a', 81))));

        Assert.Equal(("name", "too_long", "name must be at most 80 characters."),
            (error.Errors.Single().Attribute, error.Errors.Single().Code, error.Errors.Single().Message));
    }

    [Theory]
    [InlineData("Acme\nPlus")]
    [InlineData("Acme\tPlus")]
    [InlineData("Acme\u0000Plus")]
    [InlineData("Acme\u007fPlus")]
    public async Task Name_with_control_characters_is_invalid(string name)
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(name: name)));

        Assert.Equal(("name", "invalid"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Name_that_is_not_a_string_is_invalid_type()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid() with { Name = Field.OfOtherType("number") }));

        Assert.Equal(("name", "invalid_type", "name must be a string, not a number."),
            (error.Errors.Single().Attribute, error.Errors.Single().Code, error.Errors.Single().Message));
    }

    [Theory]
    [InlineData("ACME PLUS")]
    [InlineData("  acme plus ")]
    public async Task Name_is_unique_per_integrator_ignoring_case_and_surrounding_space(string duplicate)
    {
        await Service.CreateAsync(Acme, Valid(name: "Acme Plus"));

        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(name: duplicate)));

        Assert.Equal(("name", "taken"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Another_integrator_may_use_the_same_name()
    {
        await Service.CreateAsync(Acme, Valid(name: "Acme Plus"));

        var created = await Service.CreateAsync(Globex, Valid(name: "Acme Plus"));

        Assert.Equal("Acme Plus", created.Name);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/products/acme-plus")]
    [InlineData("acme.com/products")]
    [InlineData("ftp://acme.com/file")]
    [InlineData("https://")]
    [InlineData("http:///path")]
    [InlineData("https://acme .com/")]
    public async Task Url_must_be_an_absolute_http_or_https_url(string url)
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(url: url)));

        Assert.Equal(("url", "invalid", "url must be an absolute http or https URL."),
            (error.Errors.Single().Attribute, error.Errors.Single().Code, error.Errors.Single().Message));
    }

    [Fact]
    public async Task Url_is_trimmed()
    {
        var created = await Service.CreateAsync(Acme, Valid(url: "  http://acme.com/x  "));

        Assert.Equal("http://acme.com/x", created.Url);
    }

    [Fact]
    public async Task Url_over_2048_characters_is_too_long()
    {
        var url = "https://acme.com/" + new string('a', 2048 - 17 + 1);

        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(url: url)));

        Assert.Equal(("url", "too_long"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Url_of_exactly_2048_characters_is_accepted()
    {
        var url = "https://acme.com/" + new string('a', 2048 - 17);

        var created = await Service.CreateAsync(Acme, Valid(url: url));

        Assert.Equal(2048, created.Url.Length);
    }

    [Fact]
    public async Task Description_keeps_line_breaks_and_tabs()
    {
        var created = await Service.CreateAsync(Acme, Valid(description: "Line one\r\nLine two\n\tindented"));

        Assert.Equal("Line one\r\nLine two\n\tindented", created.Description);
    }

    [Fact]
    public async Task Description_is_null_when_never_set()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        Assert.Null(created.Description);
    }

    [Fact]
    public async Task Description_of_1001_characters_is_too_long_and_1000_is_accepted()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(description: new string('d', 1001))));
        var created = await Service.CreateAsync(Acme, Valid(description: string.Concat(Enumerable.Repeat("🐷", 1000))));

        Assert.Equal(("description", "too_long"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
        Assert.Equal(1000, IntegrationRules.CountCharacters(created.Description));
    }

    [Fact]
    public async Task Description_with_a_control_character_other_than_line_breaks_is_invalid()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid(description: "bell\u0007")));

        Assert.Equal(("description", "invalid"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Description_that_is_not_a_string_is_invalid_type()
    {
        var error = await InvalidAsync(() => Service.CreateAsync(Acme, Valid() with { Description = Field.OfOtherType("array") }));

        Assert.Equal("description must be a string or null, not an array.", error.Errors.Single().Message);
    }

    [Fact]
    public async Task Unknown_attributes_are_reported_with_the_other_problems()
    {
        var input = Patch(url: Field.Of("nope")) with { UnknownAttributes = ["nmae"] };

        var error = await InvalidAsync(() => Service.CreateAsync(Acme, input));

        Assert.Equal(
            [("nmae", "unknown_attribute"), ("name", "missing"), ("url", "invalid")],
            error.Errors.Select(e => (e.Attribute, e.Code)));
        Assert.Equal("3 attributes are invalid.", error.Message);
    }

    [Fact]
    public async Task A_failed_create_saves_nothing()
    {
        await InvalidAsync(() => Service.CreateAsync(Acme, Valid(url: "javascript:alert(1)")));

        Assert.Equal(0, (await ListAsync(Acme, 1, 10)).Meta.Total);
    }

    [Fact]
    public async Task Tenants_cannot_create_integrations()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(Farm, Valid()));
    }
}
