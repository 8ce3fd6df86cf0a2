using Bunit;
using Portal.Components.Pages.Sites;
using Portal.Data;

namespace Portal.Tests.Components.Installations;

public sealed class FarmSitesTests : InstallationPageTestContext
{
    public FarmSitesTests() => SignInAs(Hillside);

    [Fact]
    public void With_no_site_the_page_explains_what_a_site_is_and_offers_the_add_form()
    {
        var cut = Context.Render<FarmSites>();

        Assert.Equal("Farm sites", cut.Find("h1").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.Contains("No farm sites yet", cut.Markup), Patience);
        Assert.Contains("gets access to that site's data", cut.Markup);
        Assert.Empty(cut.FindAll("table"));
        Assert.True(HasButton(cut, "Add site"));
    }

    [Fact]
    public async Task Adding_a_site_lists_it_and_empties_the_field()
    {
        RenderProviders();
        var cut = Context.Render<FarmSites>();

        Field(cut, "Site name").Input("North barn");
        await cut.Find("form[aria-label='Add a site']").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("North barn", Rows(cut, "Your farm sites").Single()[0]), Patience);
        Assert.Equal("None", Rows(cut, "Your farm sites").Single()[1]);
        Assert.Equal("", Field(cut, "Site name").GetAttribute("value") ?? "");
        Assert.Equal(["North barn"], (await Sites.ListAsync(Hillside)).Select(s => s.Name));
        Snackbars!.WaitForAssertion(() => Assert.Contains("Added North barn", Snackbars!.Markup), Patience);
    }

    [Fact]
    public async Task A_name_the_service_refuses_shows_its_message_under_the_field_and_adds_nothing()
    {
        await AddSitesAsync(Hillside, "North barn");
        var cut = Context.Render<FarmSites>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Your farm sites")), Patience);

        Field(cut, "Site name").Input("north BARN");
        await cut.Find("form[aria-label='Add a site']").SubmitAsync();

        cut.WaitForAssertion(() => Assert.NotEqual("", ErrorUnder(cut, "Site name")), Patience);
        Assert.Single(await Sites.ListAsync(Hillside));
        Assert.Equal("north BARN", Field(cut, "Site name").GetAttribute("value"));

        Field(cut, "Site name").Input("   ");
        await cut.Find("form[aria-label='Add a site']").SubmitAsync();
        cut.WaitForAssertion(() => Assert.NotEqual("", ErrorUnder(cut, "Site name")), Patience);
        Assert.Single(await Sites.ListAsync(Hillside));
    }

    [Fact]
    public async Task A_site_lists_how_many_integrations_it_has_linking_to_my_installations()
    {
        var plus = await SeedAsync("Acme Plus");
        var feed = await SeedAsync("Feed Tracker");
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0]);
        await InstallAsync(Hillside, feed.CloudId, sites[0]);

        var cut = Context.Render<FarmSites>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut, "Your farm sites").Count), Patience);
        Assert.Equal(["North barn", "2 integrations"], Rows(cut, "Your farm sites")[0][..2]);
        Assert.Equal(["South barn", "None"], Rows(cut, "Your farm sites")[1][..2]);
        Assert.Equal("/installations", cut.Find("tbody a").GetAttribute("href"));
    }

    [Fact]
    public async Task Renaming_in_the_dialog_keeps_it_open_on_a_refused_name_then_saves()
    {
        await AddSitesAsync(Hillside, "North barn", "South barn");
        var dialogs = RenderProviders();
        var cut = Context.Render<FarmSites>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut, "Your farm sites").Count), Patience);

        var click = Press(cut, "Rename North barn", dialogs, "Rename North barn");
        Assert.Equal("North barn", Field(dialogs, "Site name").GetAttribute("value"));

        Field(dialogs, "Site name").Input("South barn");
        Button(dialogs, "Save name").Click();
        dialogs.WaitForAssertion(() => Assert.NotEqual("", ErrorUnder(dialogs, "Site name")), Patience);
        Assert.Equal(["North barn", "South barn"], (await Sites.ListAsync(Hillside)).Select(s => s.Name));

        Field(dialogs, "Site name").Input("Farrowing house");
        Button(dialogs, "Save name").Click();
        await click;

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")), Patience);
        cut.WaitForAssertion(() => Assert.Contains("Farrowing house", Rows(cut, "Your farm sites").Select(r => r[0])), Patience);
        Assert.Equal(["Farrowing house", "South barn"], (await Sites.ListAsync(Hillside)).Select(s => s.Name));
    }

    [Fact]
    public async Task Removing_a_site_names_what_it_uninstalls_and_asks_first()
    {
        var plus = await SeedAsync("Acme Plus");
        var feed = await SeedAsync("Feed Tracker");
        var sites = await AddSitesAsync(Hillside, "North barn", "South barn");
        await InstallAsync(Hillside, plus.CloudId, sites[0], sites[1]);
        await InstallAsync(Hillside, feed.CloudId, sites[0]);
        var dialogs = RenderProviders();
        var cut = Context.Render<FarmSites>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut, "Your farm sites").Count), Patience);

        var cancelled = Press(cut, "Remove North barn", dialogs, "Remove North barn?");
        var listed = dialogs.Find("ul[aria-label='Integrations that will be uninstalled']").QuerySelectorAll("li").Select(l => l.TextContent.Trim());
        Assert.Equal(["Acme Plus", "Feed Tracker"], listed);
        Assert.Contains("lose access to the site's data at once", dialogs.Markup);
        Button(dialogs, "Cancel").Click();
        await cancelled;
        Assert.Equal(2, (await Sites.ListAsync(Hillside)).Count);

        var confirmed = Press(cut, "Remove North barn", dialogs, "Remove North barn?");
        Button(dialogs, "Remove site").Click();
        await confirmed;

        cut.WaitForAssertion(() => Assert.Equal(["South barn"], Rows(cut, "Your farm sites").Select(r => r[0])), Patience);
        Assert.Equal(["South barn"], (await Sites.ListAsync(Hillside)).Select(s => s.Name));
        var left = await Installations.ListForTenantAsync(Hillside);
        Assert.Equal([("Acme Plus", "South barn")], left.Select(i => (i.IntegrationName, i.Site.Name)));
    }

    [Fact]
    public async Task Removing_a_site_with_nothing_installed_says_so()
    {
        await AddSitesAsync(Hillside, "Empty shed");
        var dialogs = RenderProviders();
        var cut = Context.Render<FarmSites>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Your farm sites")), Patience);

        var click = Press(cut, "Remove Empty shed", dialogs, "Remove Empty shed?");
        Assert.Contains("uninstalls nothing", dialogs.Markup);
        Assert.Empty(dialogs.FindAll("ul"));
        Button(dialogs, "Remove site").Click();
        await click;

        cut.WaitForAssertion(() => Assert.Contains("No farm sites yet", cut.Markup), Patience);
        Assert.Empty(await Sites.ListAsync(Hillside));
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_sites()
    {
        var other = Actor.Tenant("dev-other-farm");
        await AddSitesAsync(other, "Their barn");
        await AddSitesAsync(Hillside, "Our barn");

        var cut = Context.Render<FarmSites>();

        cut.WaitForAssertion(() => Assert.Equal(["Our barn"], Rows(cut, "Your farm sites").Select(r => r[0])), Patience);
        Assert.DoesNotContain("Their barn", cut.Markup);
    }
}
