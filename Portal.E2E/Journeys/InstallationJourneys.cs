using System.Net;
using System.Text.Json;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// A farm installs an integration, its integrator gives the installation a key that a script uses, and the farm's
/// uninstall cuts the script off; and an integrator tries its own integration end to end on its test site.
/// </summary>
public sealed class InstallationJourneys(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_tenant_installs_the_integrator_mints_a_key_a_script_uses_it_until_the_tenant_uninstalls()
    {
        var name = $"Silo Watch {Guid.NewGuid():N}"[..20];
        var site = $"Barn {Guid.NewGuid():N}"[..13];
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, name, "https://silo.example/watch", "Watches your silos.");

        // The farm adds a site and installs the integration on it.
        await using var farm = await NewContextAsync(1280, 800);
        var farmPage = await farm.NewPageAsync();
        await new DevSignInPage(farmPage).SignInAsync(Persona.Hillside);
        var sites = new FarmSitesPage(farmPage);
        await farmPage.GetByRole(AriaRole.Link, new() { Name = "Farm sites", Exact = true }).ClickAsync();
        await sites.ExpectHeadingAsync("Farm sites");
        await sites.AddAsync(site);
        await sites.OpenAsync($"/catalog/{integration.CloudId}");
        await sites.ExpectHeadingAsync(name);
        var install = new InstallPanel(farmPage);
        await install.InstallOnAsync(site);

        // The integrator sees the installation and gives it an access key.
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var detail = new IntegrationDetailPage(Page);
        await detail.OpenAsync(integration.CloudId, name);
        var installations = new InstallationsSection(Page);
        await Expect(installations.Row(site)).ToContainTextAsync(Persona.Hillside.Name);
        await installations.AccessKeysFor(site, Persona.Hillside.Name).ClickAsync();
        var key = await installations.CreateKeyAsync();
        Assert.StartsWith("ak_", key);
        await Expect(installations.HttpieLine).ToHaveTextAsync($"http -a {key}: GET {Portal.BaseUrl}/api/integration");
        await Expect(installations.KeysDialog.GetByRole(AriaRole.Table)).ToContainTextAsync(key[^4..]);

        // A script calls the API as the installation.
        using var script = new InstallationApiClient(Portal, key);
        var current = await script.GetCurrentInstallationAsync();
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        using (var json = JsonDocument.Parse(await current.Content.ReadAsStringAsync()))
        {
            Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
            Assert.Equal(site, json.RootElement.GetProperty("site").GetProperty("name").GetString());
            Assert.StartsWith("inst_", json.RootElement.GetProperty("cloud_id").GetString());
        }

        // The farm uninstalls: the same key is refused at once.
        var mine = new MyInstallationsPage(farmPage);
        await farmPage.GetByRole(AriaRole.Link, new() { Name = "My installations", Exact = true }).ClickAsync();
        await mine.ExpectHeadingAsync("My installations");
        await Expect(mine.Site(site)).ToContainTextAsync(name);
        await mine.UninstallAsync(name, site);

        var afterUninstall = await script.GetCurrentInstallationAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, afterUninstall.StatusCode);

        await detail.OpenAsync(integration.CloudId, name);
        await Expect(installations.Region).ToContainTextAsync("No installations yet");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task A_tenant_adds_a_site_installs_and_uninstalls_with_the_keyboard_alone()
    {
        var name = $"Gate Log {Guid.NewGuid():N}"[..18];
        var site = $"Shed {Guid.NewGuid():N}"[..13];
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, name);
        await new DevSignInPage(Page).SignInAsync(Persona.Hillside);
        var sites = new FarmSitesPage(Page);
        await sites.OpenAsync();
        await sites.AddAsync(site); // types the name and presses Enter

        await sites.OpenAsync($"/catalog/{integration.CloudId}");
        var install = new InstallPanel(Page);
        await install.Install.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(install.Dialog).ToContainTextAsync("Choose the sites");
        await install.Site(site).FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Expect(install.Site(site)).ToBeCheckedAsync();
        await install.Confirm.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(install.Dialog).ToBeHiddenAsync();
        await Expect(install.Region).ToContainTextAsync(site);

        var mine = new MyInstallationsPage(Page);
        await mine.OpenAsync();
        await mine.Uninstall(name, site).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(mine.Dialog).ToContainTextAsync("loses access");
        var cancel = mine.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true });
        await Expect(cancel).ToBeFocusedAsync(); // the safe answer: a reflexive Enter keeps the installation
        await Page.Keyboard.PressAsync("Enter");
        await Expect(mine.Dialog).ToBeHiddenAsync();
        await Expect(mine.Uninstall(name, site)).ToBeVisibleAsync();

        await mine.Uninstall(name, site).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(mine.Dialog).ToContainTextAsync("loses access");
        await mine.Dialog.CloseWithEscapeAsync();
        await Expect(mine.Uninstall(name, site)).ToBeVisibleAsync();

        await mine.Uninstall(name, site).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await mine.Dialog.GetByRole(AriaRole.Button, new() { Name = "Uninstall", Exact = true }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(mine.Uninstall(name, site)).ToHaveCountAsync(0);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task An_integrator_installs_on_its_test_site_mints_a_key_and_calls_the_api_before_any_farm()
    {
        var name = $"Feed Bridge {Guid.NewGuid():N}"[..20];
        var integration = await Portal.CreateIntegrationAsync(Persona.Globex, name, "https://bridge.example", "Bridges feed data.");
        await new DevSignInPage(Page).SignInAsync(Persona.Globex);
        var detail = new IntegrationDetailPage(Page);
        await detail.OpenAsync(integration.CloudId, name);
        var installations = new InstallationsSection(Page);
        await Expect(installations.Region).ToContainTextAsync("No installations yet");

        await installations.InstallOnTestSite.ClickAsync();
        await Expect(installations.KeysDialog).ToContainTextAsync("test");
        var key = await installations.CreateKeyAsync();

        using var script = new InstallationApiClient(Portal, key);
        var current = await script.GetCurrentInstallationAsync();
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        using (var json = JsonDocument.Parse(await current.Content.ReadAsStringAsync()))
        {
            Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
            Assert.Equal("https://bridge.example", json.RootElement.GetProperty("url").GetString());
        }

        await installations.CloseKeys.ClickAsync();
        await Expect(installations.KeysDialog).ToBeHiddenAsync();
        var row = installations.Region.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Remove from test site" }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByText("test", new() { Exact = true })).ToBeVisibleAsync();

        // Removing it from the test site cuts the key off too.
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove from test site" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove from test site" }).ClickAsync();
        await Expect(installations.Region).ToContainTextAsync("No installations yet");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetCurrentInstallationAsync()).StatusCode);
        Assert.Empty(ConsoleErrors);
    }
}
