using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

public sealed class TenantJourneys(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_tenant_reads_the_catalog_and_a_preview_with_no_edit_or_delete_controls()
    {
        var integration = await Portal.CreateIntegrationAsync(
            Persona.Acme, "Water Meter Sync", "https://water.example", "Reads your water meters.\nEvery hour.");
        await new DevSignInPage(Page).SignInAsync(Persona.Hillside);
        var catalog = new CatalogPage(Page);
        await catalog.OpenAsync();

        var card = catalog.Card("Water Meter Sync");
        await Expect(card).ToContainTextAsync("Reads your water meters.");
        var productLink = card.GetByRole(AriaRole.Link, new() { Name = "https://water.example" });
        await Expect(productLink).ToHaveAttributeAsync("target", "_blank");
        await Expect(productLink).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await ExpectNoEditControlsAsync();

        await card.GetByRole(AriaRole.Link, new() { Name = "Preview" }).ClickAsync();
        await catalog.ExpectHeadingAsync("Water Meter Sync");
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs($"/catalog/{integration.CloudId}"));
        await Expect(catalog.Preview).ToContainTextAsync("Every hour.");
        await ExpectNoEditControlsAsync();
    }

    [Theory]
    [InlineData("/integrations")]
    [InlineData("/integrations/new")]
    [InlineData("/integrations/{id}")]
    [InlineData("/integrations/{id}/edit")]
    public async Task An_integrator_page_tells_a_tenant_it_is_not_allowed(string path)
    {
        var name = $"Heat Lamp Control {Guid.NewGuid():N}"[..24];
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, name);
        await new DevSignInPage(Page).SignInAsync(Persona.Hillside);
        var page = new PortalPage(Page);
        await page.OpenAsync(path.Replace("{id}", integration.CloudId, StringComparison.Ordinal));
        await page.ExpectHeadingAsync("Not allowed");
        await Expect(Page.GetByText("for integrators")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Go to the catalog" })).ToBeVisibleAsync();
        await Expect(Page.GetByText(name)).ToHaveCountAsync(0);
        await ExpectNoEditControlsAsync();
    }

    [Fact]
    public async Task A_hostile_description_is_shown_as_text_and_runs_no_script()
    {
        const string hostile = "<script>alert('script')</script>\n<img src=x onerror=\"alert('img')\">";
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, "<b>Bold</b> Feeder", "https://feeder.example", hostile);
        await new DevSignInPage(Page).SignInAsync(Persona.Hillside);
        var catalog = new CatalogPage(Page);
        await catalog.OpenAsync($"/catalog/{integration.CloudId}");
        await catalog.ExpectHeadingAsync("<b>Bold</b> Feeder");

        await Expect(catalog.Preview).ToContainTextAsync("<script>alert('script')</script>");
        await Expect(catalog.Preview).ToContainTextAsync("<img src=x onerror=\"alert('img')\">");
        Assert.Equal(0, await Page.Locator("main img, main script, main b").CountAsync());

        await catalog.OpenAsync();
        await Expect(catalog.Card("<b>Bold</b> Feeder")).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await Page.Locator("main img, main script, main b").CountAsync());
        Assert.Empty(Dialogs);
        Assert.Empty(ConsoleErrors);
    }

    private async Task ExpectNoEditControlsAsync()
    {
        foreach (var name in new[] { "Edit", "Delete", "New integration", "Save changes", "Create integration" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        }
    }
}
