using Bunit;
using Portal.Components.Pages.Catalog;
using Portal.Components.Pages.Installations;
using Portal.Components.Pages.Integrations;
using Portal.Components.Pages.Sites;
using Portal.Data;

namespace Portal.Tests.Components.Installations;

/// <summary>What the pages say when what they show was removed in another tab or by another person meanwhile.</summary>
public sealed class RemovedMeanwhilePageTests : InstallationPageTestContext
{
    private static readonly Actor Meadow = Actor.Tenant("dev-meadow", "Meadow Farm");

    [Fact]
    public async Task Installing_an_integration_deleted_meanwhile_says_so_in_the_dialog_and_installs_nothing()
    {
        var plus = await SeedAsync("Acme Plus");
        await AddSitesAsync(Hillside, "North barn");
        SignInAs(Hillside);
        var dialogs = RenderProviders();
        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.True(HasButton(cut, "Install")), Patience);
        var click = Press(cut, "Install", dialogs, "Choose the sites");

        await Integrations.DeleteAsync(Acme, plus.CloudId);
        Button(dialogs, "Install on 1 site").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("no longer exists", dialogs.Find("[role=alert]").TextContent), Patience);
        Assert.NotEmpty(dialogs.FindAll("[role=dialog]"));
        Assert.Empty(await Installations.ListForTenantAsync(Hillside));
        Button(dialogs, "Cancel").Click();
        await click;
        cut.WaitForAssertion(() => Assert.Contains("no longer in the catalog", cut.Find("[role=alert]").TextContent), Patience);
        Assert.False(HasButton(cut, "Install"));
    }

    [Fact]
    public async Task Renaming_a_site_removed_meanwhile_says_so_in_the_dialog()
    {
        var sites = await AddSitesAsync(Hillside, "North barn");
        SignInAs(Hillside);
        var dialogs = RenderProviders();
        var cut = Context.Render<FarmSites>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Your farm sites")), Patience);
        var click = Press(cut, "Rename North barn", dialogs, "Rename North barn");

        await Sites.RemoveAsync(Hillside, sites[0].CloudId);
        Field(dialogs, "Site name").Input("Farrowing house");
        Button(dialogs, "Save name").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("removed elsewhere", dialogs.Find("[role=alert]").TextContent), Patience);
        Button(dialogs, "Cancel").Click();
        await click;
        cut.WaitForAssertion(() => Assert.Contains("No farm sites yet", cut.Markup), Patience);
    }

    [Fact]
    public async Task Uninstalling_what_was_uninstalled_meanwhile_says_so_and_refreshes_the_list()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Hillside, "North barn");
        var installed = await InstallAsync(Hillside, plus.CloudId, sites[0]);
        SignInAs(Hillside);
        var dialogs = RenderProviders();
        var cut = Context.Render<MyInstallations>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installed on North barn")), Patience);
        var click = Press(cut, "Uninstall Acme Plus from North barn", dialogs, "Uninstall Acme Plus from North barn?");

        await Installations.UninstallAsync(Hillside, installed[0].CloudId);
        Button(dialogs, "Uninstall").Click();
        await click;

        Snackbars!.WaitForAssertion(() => Assert.Contains("was already uninstalled", Snackbars!.Markup), Patience);
        cut.WaitForAssertion(() => Assert.Contains("Nothing installed yet", cut.Markup), Patience);
    }

    [Fact]
    public async Task Creating_a_key_for_an_installation_uninstalled_meanwhile_says_so_and_shows_no_secret()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Meadow, "North barn");
        var installed = await InstallAsync(Meadow, plus.CloudId, sites[0]);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installations")), Patience);
        var click = Press(cut, "Access keys for North barn of Meadow Farm", dialogs, "No access keys yet");

        await Installations.UninstallAsync(Meadow, installed[0].CloudId);
        Button(dialogs, "Create access key").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("no longer exists", dialogs.Find("[role=alert]").TextContent), Patience);
        Assert.Empty(dialogs.FindAll("#new-access-key"));
        Button(dialogs, "Close").Click();
        await click;
    }

    [Fact]
    public async Task The_test_site_of_an_integration_deleted_meanwhile_says_it_is_gone()
    {
        var plus = await SeedAsync("Acme Plus");
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Contains("No installations yet", cut.Markup), Patience);

        await Integrations.DeleteAsync(Acme, plus.CloudId);

        // The page follows the deletion live (issue 10): no test-site action is left to try.
        cut.WaitForAssertion(() => Assert.Contains("was deleted by dev-acme just now", cut.Find("[role=alert]").TextContent), Patience);
        Assert.False(HasButton(cut, "Install on my test site"));
    }
}
