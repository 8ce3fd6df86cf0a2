using Bunit;
using Portal.Components.Pages.Catalog;

namespace Portal.Tests.Components.Installations;

public sealed class InstallDialogTests : InstallationPageTestContext
{
    public InstallDialogTests() => SignInAs(Hillside);

    [Fact]
    public async Task A_tenant_with_no_site_is_led_to_add_one_first()
    {
        var plus = await SeedAsync("Acme Plus");

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Contains("You have no farm site yet", cut.Markup), Patience);
        Assert.Equal("/sites", Button(cut, "Add a farm site").GetAttribute("href"));
        Assert.False(HasButton(cut, "Install"));
    }

    [Fact]
    public async Task The_dialog_says_what_installing_grants_and_installs_on_the_chosen_sites()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn", "West barn");
        var dialogs = RenderProviders();
        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Contains("Not installed on any of your sites yet.", cut.Markup), Patience);

        var click = Press(cut, "Install", dialogs, "Choose the sites");
        Assert.Contains("gives the integrator of Acme Plus access to the data of each site you choose", dialogs.Find("[role=dialog]").TextContent);
        Assert.True(Button(dialogs, "Install").HasAttribute("disabled"));

        Checkbox(dialogs, "North barn").Change(true);
        Checkbox(dialogs, "West barn").Change(true);
        Button(dialogs, "Install on 2 sites").Click();
        await click;

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")), Patience);
        cut.WaitForAssertion(() => Assert.Contains("Installed on North barn and West barn.", cut.Markup), Patience);
        Snackbars!.WaitForAssertion(() => Assert.Contains("Installed Acme Plus on North barn and West barn", Snackbars!.Markup), Patience);
        var installed = await Installations.ListForTenantAsync(Hillside);
        Assert.Equal(["North barn", "West barn"], installed.Select(i => i.Site.Name).Order());
        Assert.All(installed, i => Assert.Equal(plus.CloudId, i.IntegrationId));
        Assert.DoesNotContain(sites[1].CloudId, installed.Select(i => i.Site.CloudId));
    }

    [Fact]
    public async Task Sites_where_it_is_installed_show_checked_disabled_and_marked_installed()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0]);
        var dialogs = RenderProviders();
        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Contains("Installed on North barn.", cut.Markup), Patience);

        var click = Press(cut, "Install", dialogs, "Choose the sites");

        var north = Checkbox(dialogs, "North barn");
        Assert.True(north.HasAttribute("checked"));
        Assert.True(north.HasAttribute("disabled"));
        Assert.Contains("installed", north.Closest("div.d-flex")!.TextContent);
        var south = Checkbox(dialogs, "South barn");
        Assert.False(south.HasAttribute("disabled"));
        Assert.DoesNotContain("installed", south.Closest("div.d-flex")!.TextContent);
        Assert.True(south.HasAttribute("checked"), "the one site left is chosen already");
        Assert.False(Button(dialogs, "Install on 1 site").HasAttribute("disabled"));
        Button(dialogs, "Cancel").Click();
        await click;
        Assert.Single(await Installations.ListForTenantAsync(Hillside));
    }

    [Fact]
    public async Task Installed_on_every_site_leaves_nothing_to_install()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Hillside, "North barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0]);

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Contains("installed on every one of your sites", cut.Markup), Patience);
        Assert.False(HasButton(cut, "Install"));
        Assert.Equal("/installations", Button(cut, "See my installations").GetAttribute("href"));
    }

    [Fact]
    public async Task An_integrator_reading_the_catalog_is_offered_no_install()
    {
        var plus = await SeedAsync("Acme Plus");
        SignInAs(Acme);

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));

        Assert.Equal("Acme Plus", cut.Find("h1").TextContent.Trim());
        Assert.DoesNotContain("Install on your farm sites", cut.Markup);
        Assert.False(HasButton(cut, "Install"));
    }
}
