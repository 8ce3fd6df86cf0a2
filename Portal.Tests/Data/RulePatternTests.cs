using System.Text.RegularExpressions;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

/// <summary>The patterns the OpenAPI document takes from the rules say what the rules check.</summary>
public sealed class RulePatternTests
{
    [Theory]
    [InlineData("Acme Plus", true)]
    [InlineData("  padded  ", true)]
    [InlineData("😀 emoji", true)]
    [InlineData("名前", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("tab\there", false)]
    [InlineData("line\nbreak", false)]
    [InlineData("a\u0085b", false)]
    [InlineData("del\u007f", false)]
    [InlineData("nul\u0000", false)]
    public void The_name_pattern_accepts_exactly_the_names_the_rule_accepts(string name, bool valid)
    {
        var errors = IntegrationRules.Check(Input(name, "https://acme.example", null), isCreate: true).Errors;

        Assert.Equal(valid, errors.All(e => e.Attribute != "name"));
        Assert.Equal(valid, Regex.IsMatch(name, IntegrationRules.NamePattern));
    }

    [Theory]
    [InlineData("https://acme.com/products/acme-plus", true)]
    [InlineData("HTTP://ACME.COM", true)]
    [InlineData("  https://acme.com  ", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("//acme.com", false)]
    [InlineData("acme.com", false)]
    [InlineData("ftp://acme.com", false)]
    [InlineData("https://acme.com/a b", false)]
    [InlineData("https://acme.com/\u0001", false)]
    public void The_url_pattern_refuses_what_the_rule_refuses_for_its_form(string url, bool valid)
    {
        var errors = IntegrationRules.Check(Input("Acme", url, null), isCreate: true).Errors;

        Assert.Equal(valid, errors.All(e => e.Attribute != "url"));
        Assert.Equal(valid, Regex.IsMatch(url, IntegrationRules.UrlPattern));
    }

    [Theory]
    [InlineData("Line one\nline two\r\n\ttabbed", true)]
    [InlineData("", true)]
    [InlineData("bell\u0007", false)]
    [InlineData("c1\u0090", false)]
    public void The_description_pattern_accepts_exactly_the_descriptions_the_rule_accepts(string description, bool valid)
    {
        var errors = IntegrationRules.Check(Input("Acme", "https://acme.example", description), isCreate: true).Errors;

        Assert.Equal(valid, errors.All(e => e.Attribute != "description"));
        Assert.Equal(valid, Regex.IsMatch(description, IntegrationRules.DescriptionPattern));
    }

    [Fact]
    public void New_ids_match_the_id_patterns()
    {
        Assert.Matches(CloudIds.IntegrationIdPattern, CloudIds.NewIntegrationId());
        Assert.Matches(CloudIds.TenantIdPattern, CloudIds.NewTenantId());
        Assert.Matches(CloudIds.SiteIdPattern, CloudIds.NewSiteId());
        Assert.Matches(CloudIds.InstallationIdPattern, CloudIds.NewInstallationId());
        Assert.DoesNotMatch(CloudIds.IntegrationIdPattern, CloudIds.NewInstallationId());
    }

    private static IntegrationInput Input(string name, string url, string? description) =>
        new(Field.Of(name), Field.Of(url), description is null ? Field.Absent : Field.Of(description));
}
