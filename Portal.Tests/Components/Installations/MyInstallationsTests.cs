using Bunit;
using Portal.Components.Pages.Installations;
using Portal.Data;

namespace Portal.Tests.Components.Installations;

public sealed class MyInstallationsTests : InstallationPageTestContext
{
    public MyInstallationsTests() => SignInAs(Hillside);

    [Fact]
    public void With_no_site_it_leads_to_farm_sites()
    {
        var cut = Context.Render<MyInstallations>();

        Assert.Equal("My installations", cut.Find("h1").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.Contains("No farm sites yet", cut.Markup), Patience);
        Assert.Equal("/sites", Button(cut, "Add a farm site").GetAttribute("href"));
    }

    [Fact]
    public async Task With_sites_but_nothing_installed_it_leads_to_the_catalog()
    {
        await AddSitesAsync(Hillside, "North barn");

        var cut = Context.Render<MyInstallations>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing installed yet", cut.Markup), Patience);
        Assert.Equal("/catalog", Button(cut, "Browse the catalog").GetAttribute("href"));
    }

    [Fact]
    public async Task Shows_per_site_what_is_installed_and_since_when()
    {
        var plus = await SeedAsync("Acme Plus");
        var feed = await SeedAsync("Feed Tracker", owner: Globex);
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn", "West barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0], sites[1]);
        await InstallAsync(Hillside, feed.CloudId, sites[0]);

        var cut = Context.Render<MyInstallations>();

        cut.WaitForAssertion(() => Assert.Equal(["North barn", "South barn", "West barn"], cut.FindAll("h2").Select(h => h.TextContent.Trim())), Patience);
        Assert.Equal(["Acme Plus", "Feed Tracker"], Rows(cut, "Installed on North barn").Select(r => r[0]));
        Assert.Equal(["Acme Plus"], Rows(cut, "Installed on South barn").Select(r => r[0]));
        Assert.Contains("Nothing installed on this site.", cut.Find("section[aria-labelledby='site-" + sites[2].CloudId + "']").TextContent);
        var north = cut.Find("table[aria-label='Installed on North barn']");
        Assert.Equal("2001-01-01T01:01:07.000Z (UTC)", north.QuerySelector("tbody tr time")!.GetAttribute("title"));
        Assert.Equal($"/catalog/{plus.CloudId}", north.QuerySelector("tbody tr a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Uninstall_says_the_integrator_loses_access_at_once_and_asks_first()
    {
        var plus = await SeedAsync("Acme Plus");
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0], sites[1]);
        var dialogs = RenderProviders();
        var cut = Context.Render<MyInstallations>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installed on North barn")), Patience);

        var cancelled = Press(cut, "Uninstall Acme Plus from North barn", dialogs, "Uninstall Acme Plus from North barn?");
        Assert.Contains("loses access to the data of North barn at once", dialogs.Markup);
        Button(dialogs, "Cancel").Click();
        await cancelled;
        Assert.Equal(2, (await Installations.ListForTenantAsync(Hillside)).Count);

        var confirmed = Press(cut, "Uninstall Acme Plus from North barn", dialogs, "Uninstall Acme Plus from North barn?");
        Button(dialogs, "Uninstall").Click();
        await confirmed;

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("table[aria-label='Installed on North barn']")), Patience);
        Assert.Single(Rows(cut, "Installed on South barn"));
        Assert.Equal(["South barn"], (await Installations.ListForTenantAsync(Hillside)).Select(i => i.Site.Name));
        Snackbars!.WaitForAssertion(() => Assert.Contains("Uninstalled Acme Plus from North barn", Snackbars!.Markup), Patience);
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_installations()
    {
        var plus = await SeedAsync("Acme Plus");
        var other = Actor.Tenant("dev-other-farm");
        var theirs = await AddSitesAsync(other, "Their barn");
        await InstallAsync(other, plus.CloudId, theirs[0]);
        await AddSitesAsync(Hillside, "Our barn");

        var cut = Context.Render<MyInstallations>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing installed yet", cut.Markup), Patience);
        Assert.DoesNotContain("Their barn", cut.Markup);
    }
}
