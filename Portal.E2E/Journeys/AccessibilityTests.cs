using System.Text;

using Deque.AxeCore.Playwright;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// axe on every page, as each role sees it: no violation of impact serious or critical; and after following a link to
/// another page, focus is on that page's heading, where a screen reader starts reading.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, ShowcasePortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<ShowcasePortalServer>
{
    private readonly ShowcasePortalServer _showcase = portal;

    [Fact]
    public async Task Every_page_an_integrator_sees_has_no_serious_accessibility_violation()
    {
        var id = _showcase.Featured.CloudId;
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var violations = new StringBuilder();
        await CheckAsync(violations, "/integrations", "Integrations", Page.GetByRole(AriaRole.Link, new() { Name = "Acme Plus" }));
        await CheckAsync(violations, "/integrations/new", "New integration");
        await CheckAsync(violations, $"/integrations/{id}", "Acme Plus");
        await CheckAsync(violations, $"/integrations/{id}/edit", "Edit Acme Plus");
        await CheckAsync(violations, "/integrations/int_00000000000000000000000000000000", "Integration not found");
        await CheckAsync(violations, "/catalog", "Integration catalog");
        await CheckAsync(violations, $"/catalog/{id}", "Acme Plus");
        await CheckAsync(violations, "/tokens", "API tokens");
        await CheckAsync(violations, "/api-reference", "API reference");
        await CheckAsync(violations, "/docs/errors", "API errors");

        // States within pages: validation errors, the delete dialog, a token just created.
        var form = new IntegrationFormPage(Page);
        await form.OpenNewAsync();
        await form.FillAsync("", "javascript:void(0)");
        await form.Create.ClickAsync();
        await Expect(form.ErrorUnder("Name")).ToBeVisibleAsync();
        await AnalyzeAsync(violations, "/integrations/new with validation errors");

        var detail = new IntegrationDetailPage(Page);
        await detail.OpenAsync(id, "Acme Plus");
        await detail.Delete.ClickAsync();
        await Expect(detail.ConfirmDelete).ToBeVisibleAsync();
        await AnalyzeAsync(violations, "delete dialog");
        await detail.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(detail.Dialog).ToBeHiddenAsync();

        var installations = new InstallationsSection(Page);
        await installations.AccessKeysFor(ShowcasePortalServer.NorthSite, Persona.Hillside.Name).ClickAsync();
        await installations.CreateKeyAsync();
        await AnalyzeAsync(violations, "access keys dialog with a new key");
        await installations.CloseKeys.ClickAsync();
        await CheckAsync(violations, "/sites", "Not allowed");

        var tokens = new TokensPage(Page);
        await tokens.OpenAsync();
        await tokens.CreateAsync("axe");
        await AnalyzeAsync(violations, "/tokens with a new token");

        Assert.True(violations.Length == 0, "Serious or critical accessibility violations:\n" + violations);
    }

    [Fact]
    public async Task Every_page_a_tenant_sees_has_no_serious_accessibility_violation()
    {
        var id = _showcase.Featured.CloudId;
        await new DevSignInPage(Page).SignInAsync(Persona.Hillside);
        var violations = new StringBuilder();
        await CheckAsync(violations, "/catalog", "Integration catalog", Page.GetByRole(AriaRole.Heading, new() { Name = "Acme Plus" }));
        await CheckAsync(violations, $"/catalog/{id}", "Acme Plus");
        await CheckAsync(violations, "/integrations", "Not allowed");
        await CheckAsync(violations, "/tokens", "API tokens");
        await CheckAsync(violations, "/api-reference", "API reference");
        await CheckAsync(violations, "/sites", "Farm sites", new FarmSitesPage(Page).Row(ShowcasePortalServer.NorthSite));
        await CheckAsync(violations, "/installations", "My installations", new MyInstallationsPage(Page).Site(ShowcasePortalServer.NorthSite));

        var install = new InstallPanel(Page);
        await Page.GotoAsync($"/catalog/{id}");
        await Page.WaitForCircuitAsync();
        await install.Install.ClickAsync();
        await Expect(install.Dialog).ToContainTextAsync("installed");
        await AnalyzeAsync(violations, "install dialog");
        Assert.True(violations.Length == 0, "Serious or critical accessibility violations:\n" + violations);
    }

    [Fact]
    public async Task The_sign_in_and_empty_pages_have_no_serious_accessibility_violation()
    {
        var violations = new StringBuilder();
        await Page.GotoAsync("/signin");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = Persona.Acme.SignInButton })).ToBeVisibleAsync();
        await AnalyzeAsync(violations, "/signin");

        await new DevSignInPage(Page).SignInAsync(Persona.Globex);
        await CheckAsync(violations, "/integrations", "Integrations", new IntegrationsListPage(Page).EmptyState);
        Assert.True(violations.Length == 0, "Serious or critical accessibility violations:\n" + violations);
    }

    [Fact]
    public async Task After_following_a_link_to_another_page_focus_is_on_that_pages_heading()
    {
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();

        await list.RowLink("Acme Plus").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Acme Plus", Level = 1 })).ToBeFocusedAsync();

        var menu = Page.GetByRole(AriaRole.Complementary, new() { Name = "Main navigation" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Integrations", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeFocusedAsync();
    }

    private async Task CheckAsync(StringBuilder violations, string path, string heading, ILocator? ready = null)
    {
        var page = new PortalPage(Page);
        await page.OpenAsync(path);
        await page.ExpectHeadingAsync(heading);
        if (ready is not null)
        {
            await Expect(ready.First).ToBeVisibleAsync();
        }
        await AnalyzeAsync(violations, path);
    }

    private async Task AnalyzeAsync(StringBuilder violations, string what)
    {
        var result = await Page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            violations.AppendLine($"{what}: [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
            {
                violations.AppendLine($"    {node.Target}: {node.Html}");
            }
        }
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            Output.WriteLine($"{what}: [{minor.Impact}] {minor.Id}: {minor.Help}");
        }
    }
}
