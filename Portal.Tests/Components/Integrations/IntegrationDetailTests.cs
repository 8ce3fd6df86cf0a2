using Bunit;
using Portal.Components.Pages.Integrations;
using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sites;

namespace Portal.Tests.Components.Integrations;

public sealed class IntegrationDetailTests : IntegrationPageTestContext
{
    [Fact]
    public async Task Shows_every_attribute_the_copy_id_button_and_the_tenant_preview()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus", "Notifies you.");

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        Assert.Equal("Acme Plus", cut.Find("h1").TextContent.Trim());
        var terms = cut.FindAll("dl.attributes dt").Select(t => t.TextContent.Trim());
        Assert.Equal(["cloud_id", "name", "url", "description", "created_at", "updated_at"], terms);
        Assert.Contains(plus.CloudId, cut.Find("dd code").TextContent);
        Assert.Equal("2001-01-01T01:01:02.000Z (UTC)", cut.Find("dd time").GetAttribute("title"));
        Assert.True(HasButton(cut, "Copy ID"));
        Assert.Equal($"/integrations/{plus.CloudId}/edit", Button(cut, "Edit").GetAttribute("href"));
        Assert.Contains("Notifies you.", cut.Find("[role=region][aria-label='Tenant preview']").TextContent);
        Assert.Single(cut.FindAll("button, a"), b => AccessibleName(b).Contains("delete", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Timestamps_show_in_the_browsers_time_zone_with_the_exact_utc_time_on_hover()
    {
        var plus = await SeedAsync("Acme Plus");
        Context.JSInterop.Setup<string?>("portal.timeZone").SetResult("60 Europe/Paris");

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Equal("1 Jan 2001, 02:01", cut.Find("dd time").TextContent.Trim()), Patience);
        Assert.Equal("2001-01-01T01:01:02.000Z (UTC)", cut.Find("dd time").GetAttribute("title"));
    }

    [Fact]
    public async Task Copy_id_writes_the_cloud_id_to_the_clipboard()
    {
        var plus = await SeedAsync("Acme Plus");
        RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        Button(cut, "Copy ID").Click();

        var call = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(plus.CloudId, call.Arguments[0]);
    }

    [Fact]
    public async Task Offers_httpie_and_curl_commands_for_this_integration_against_the_portals_own_api()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/it's");

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        var snippets = cut.FindAll("pre code").Select(c => c.TextContent).ToList();
        var resource = $"http://localhost/api/integrations/{plus.CloudId}";
        Assert.Equal(6, snippets.Count);
        Assert.Contains(snippets, s => s.StartsWith($"http -jv GET {resource}", StringComparison.Ordinal) && s.Contains("-A bearer -a \"$TOKEN\""));
        Assert.Contains(snippets, s => s.StartsWith($"http -jv PATCH {resource}", StringComparison.Ordinal) && s.Contains("url='https://acme.com/it'\\''s'"));
        Assert.Contains(snippets, s => s.StartsWith($"http -jv DELETE {resource}", StringComparison.Ordinal));
        Assert.Contains(snippets, s => s.StartsWith($"curl -sS -X PATCH {resource}", StringComparison.Ordinal) && s.Contains("Authorization: Bearer $TOKEN"));
        Assert.Contains(snippets, s => s.StartsWith($"curl -sS -X DELETE {resource}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_delete_dialog_refuses_until_the_exact_name_is_typed_then_deletes_and_returns_to_the_list()
    {
        var plus = await SeedAsync("Acme Plus");
        var site = await Service<SiteService>().AddAsync(Hillside, "Site 1");
        await Service<InstallationService>().InstallAsync(Hillside, plus.CloudId, [site.CloudId]);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        Button(cut, "Delete").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[role=dialog]")), Patience);
        var dialog = dialogs.Find("[role=dialog]").TextContent;
        Assert.Contains("cannot be undone", dialog);
        Assert.Contains("1 farm site has it installed", dialog);
        Assert.True(Button(dialogs, "Delete integration").HasAttribute("disabled"));

        Field(dialogs, "Integration name").Input("acme plus");
        Assert.True(Button(dialogs, "Delete integration").HasAttribute("disabled"));

        Field(dialogs, "Integration name").Input("Acme Plus");
        Assert.False(Button(dialogs, "Delete integration").HasAttribute("disabled"));
        Button(dialogs, "Delete integration").Click();

        await WaitForNavigationAsync(uri => uri.EndsWith("/integrations", StringComparison.Ordinal));
        Snackbars!.WaitForAssertion(() => Assert.Contains("Deleted Acme Plus", Snackbars!.Markup), Patience);
        await Assert.ThrowsAsync<NotFoundException>(() => Integrations.GetAsync(Acme, plus.CloudId));
    }

    [Fact]
    public async Task Cancelling_the_delete_dialog_keeps_the_integration()
    {
        var plus = await SeedAsync("Acme Plus");
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        Button(cut, "Delete").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[role=dialog]")), Patience);
        Button(dialogs, "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")), Patience);
        Assert.Equal("Acme Plus", (await Integrations.GetAsync(Acme, plus.CloudId)).Name);
    }

    [Theory]
    [InlineData("int_doesnotexist0000000000000000000")]
    [InlineData(null)]
    public async Task An_unknown_id_or_another_integrators_id_shows_integration_not_found(string? cloudId)
    {
        var globexOwn = await SeedAsync("Globex Feed", owner: Globex);

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, cloudId ?? globexOwn.CloudId));

        Assert.Equal("Integration not found", cut.Find("h1").TextContent.Trim());
        Assert.DoesNotContain("Globex Feed", cut.Markup);
    }

    [Fact]
    public async Task The_edit_page_of_an_unknown_id_shows_integration_not_found()
    {
        var globexOwn = await SeedAsync("Globex Feed", owner: Globex);

        var cut = Context.Render<Edit>(p => p.Add(d => d.CloudId, globexOwn.CloudId));

        Assert.Equal("Integration not found", cut.Find("h1").TextContent.Trim());
        Assert.Empty(cut.FindAll("form"));
    }
}
