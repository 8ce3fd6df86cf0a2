using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Screenshots of each main page at a laptop's and a phone's size, into artifacts/screenshots (git-ignored) for a
/// person to look at. The test checks each page rendered styled (MudBlazor's CSS applied) and wide content does not
/// push the page sideways.
/// </summary>
public sealed class ScreenshotTests(BrowserFixture browser, ShowcasePortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<ShowcasePortalServer>
{
    private readonly ShowcasePortalServer _showcase = portal;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Main_pages_are_captured_at_desktop_and_phone_sizes(int width, int height)
    {
        Directory.CreateDirectory(RepoPaths.Screenshots);
        Output.WriteLine($"Screenshots: {RepoPaths.Screenshots}");
        var id = _showcase.Featured.CloudId;
        await using var context = await NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        var shots = new Shots(page, width, height);

        await new DevSignInPage(page).SignInAsync(Persona.Acme);
        var list = new IntegrationsListPage(page);
        await list.OpenAsync();
        await Expect(list.RowLink("Acme Plus")).ToBeVisibleAsync();
        await shots.TakeAsync("integrations-list");

        var form = new IntegrationFormPage(page);
        await form.OpenNewAsync();
        await form.FillAsync("", "javascript:alert(1)", "Tell tenants what it does.\nOne line per point.");
        await form.Create.ClickAsync();
        await Expect(form.ErrorUnder("URL")).ToBeVisibleAsync();
        await shots.TakeAsync("integration-form-validation-errors");

        var detail = new IntegrationDetailPage(page);
        await detail.OpenAsync(id, "Acme Plus");
        await shots.TakeAsync("integration-detail");

        var installations = new InstallationsSection(page);
        await Expect(installations.Row(ShowcasePortalServer.NorthSite)).ToBeVisibleAsync();
        await shots.TakeAsync("integration-installations");
        await installations.AccessKeysFor(ShowcasePortalServer.NorthSite, Persona.Hillside.Name).ClickAsync();
        await installations.CreateKeyAsync();
        await shots.TakeAsync("access-keys-created", fullPage: false);
        await installations.CloseKeys.ClickAsync();
        await Expect(installations.KeysDialog).ToBeHiddenAsync();

        var tokens = new TokensPage(page);
        await tokens.OpenAsync();
        await tokens.CreateAsync("Screenshot token");
        await shots.TakeAsync("tokens");

        var reference = new PortalPage(page);
        await reference.OpenAsync("/api-reference");
        await reference.ExpectHeadingAsync("API reference");
        var swagger = page.FrameLocator("iframe[title='Interactive API reference']");
        await Expect(swagger.GetByText("/api/integrations").First).ToBeVisibleAsync();
        await Expect(swagger.GetByText("Authorization: Bearer <token>")).ToBeVisibleAsync();
        await shots.TakeAsync("api-reference");

        await using var globex = await NewContextAsync(width, height);
        var globexPage = await globex.NewPageAsync();
        await new DevSignInPage(globexPage).SignInAsync(Persona.Globex);
        var empty = new IntegrationsListPage(globexPage);
        await empty.OpenAsync();
        await Expect(empty.EmptyState).ToBeVisibleAsync();
        await new Shots(globexPage, width, height).TakeAsync("integrations-empty");

        await using var tenant = await NewContextAsync(width, height);
        var tenantPage = await tenant.NewPageAsync();
        await new DevSignInPage(tenantPage).SignInAsync(Persona.Hillside);
        var catalog = new CatalogPage(tenantPage);
        await catalog.OpenAsync();
        await Expect(catalog.Card("Acme Plus")).ToBeVisibleAsync();
        await new Shots(tenantPage, width, height).TakeAsync("tenant-catalog");
        await catalog.OpenAsync($"/catalog/{id}");
        var tenantShots = new Shots(tenantPage, width, height);
        await tenantShots.TakeAsync("tenant-preview");
        var install = new InstallPanel(tenantPage);
        await install.Install.ClickAsync();
        await Expect(install.Dialog).ToContainTextAsync("installed");
        await tenantShots.TakeAsync("install-dialog", fullPage: false);
        await install.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        var sites = new FarmSitesPage(tenantPage);
        await sites.OpenAsync();
        await Expect(sites.Row(ShowcasePortalServer.NorthSite)).ToBeVisibleAsync();
        await tenantShots.TakeAsync("farm-sites");
        await sites.Row(ShowcasePortalServer.NorthSite).GetByRole(AriaRole.Button, new() { Name = $"Remove {ShowcasePortalServer.NorthSite}" }).ClickAsync();
        await Expect(sites.Dialog).ToContainTextAsync("also uninstalls");
        await tenantShots.TakeAsync("remove-site-dialog", fullPage: false);
        await sites.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        var mine = new MyInstallationsPage(tenantPage);
        await mine.OpenAsync();
        await Expect(mine.Site(ShowcasePortalServer.NorthSite)).ToContainTextAsync("Acme Plus");
        await tenantShots.TakeAsync("my-installations");
    }

    private sealed class Shots(IPage page, int width, int height)
    {
        /// <param name="fullPage">False for an open dialog: it sits over the viewport, so a full-page shot would cut it apart.</param>
        public async Task TakeAsync(string name, bool fullPage = true)
        {
            // Styled: MudBlazor's stylesheet gives the app bar a fixed position; unstyled HTML would leave it static.
            // Expect retries: on a loaded machine the app bar can be read while the page is still being replaced.
            await Expect(page.Locator(".mud-appbar").First).ToHaveCSSAsync("position", "fixed");
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Screenshots, $"{name}-{width}x{height}.png"), FullPage = fullPage });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} at {width}x{height}: the page is {overflow}px wider than the screen.");
        }
    }
}
