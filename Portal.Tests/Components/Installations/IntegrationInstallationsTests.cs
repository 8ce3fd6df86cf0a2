using Bunit;
using Portal.Components.Pages.Integrations;
using Portal.Data;
using Portal.Data.Paging;

namespace Portal.Tests.Components.Installations;

/// <summary>The Installations section of the integrator's detail page, its access keys and its test site.</summary>
public sealed class IntegrationInstallationsTests : InstallationPageTestContext
{
    private static readonly Actor Meadow = Actor.Tenant("dev-meadow") with { Name = "Meadow Farm" };
    private static readonly Actor Ridge = Actor.Tenant("dev-ridge") with { Name = "Ridge Pigs" };

    [Fact]
    public async Task With_no_installation_it_says_so_and_offers_the_test_site()
    {
        var plus = await SeedAsync("Acme Plus");

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Contains("No installations yet", cut.Markup), Patience);
        Assert.Contains("install it on your", cut.Find("[role=region][aria-labelledby='installations-heading']").TextContent);
        Assert.True(HasButton(cut, "Install on my test site"));
    }

    [Fact]
    public async Task Lists_tenant_site_and_installed_at_of_this_integration_only()
    {
        var plus = await SeedAsync("Acme Plus");
        var feed = await SeedAsync("Feed Tracker");
        var meadow = await AddSitesAsync(Meadow, "North barn");
        var ridge = await AddSitesAsync(Ridge, "Hilltop");
        await InstallAsync(Meadow, plus.CloudId, meadow[0]);
        await InstallAsync(Ridge, plus.CloudId, ridge[0]);
        await InstallAsync(Ridge, feed.CloudId, ridge[0]);

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut, "Installations").Count), Patience);
        var rows = Rows(cut, "Installations");
        Assert.Equal(["Ridge Pigs", "Hilltop"], rows[0][..2]);
        Assert.Equal(["Meadow Farm", "North barn"], rows[1][..2]);
        Assert.Equal("2001-01-01T01:01:07.000Z (UTC)", cut.Find("table[aria-label='Installations'] tbody tr time").GetAttribute("title"));
        Assert.DoesNotContain("test", rows[0][0]);
    }

    [Fact]
    public async Task Search_finds_installations_by_tenant_or_site_name()
    {
        var plus = await SeedAsync("Acme Plus");
        var meadow = await AddSitesAsync(Meadow, "North barn", "Hilltop annex");
        var ridge = await AddSitesAsync(Ridge, "Valley");
        await InstallAsync(Meadow, plus.CloudId, meadow[0], meadow[1]);
        await InstallAsync(Ridge, plus.CloudId, ridge[0]);
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut, "Installations").Count), Patience);

        Field(cut, "Search by tenant or site").Input("ridge");
        WaitAfterDebounce(cut, () => Assert.Equal(["Valley"], Rows(cut, "Installations").Select(r => r[1])));

        Field(cut, "Search by tenant or site").Input("hilltop");
        WaitAfterDebounce(cut, () => Assert.Equal(["Hilltop annex"], Rows(cut, "Installations").Select(r => r[1])));

        Field(cut, "Search by tenant or site").Input("nowhere");
        WaitAfterDebounce(cut, () => Assert.Contains("No installation matches “nowhere”.", cut.Markup));
    }

    [Fact]
    public async Task Pages_through_installations_ten_at_a_time_on_the_server()
    {
        var plus = await SeedAsync("Acme Plus");
        var names = Enumerable.Range(1, 12).Select(i => $"Site {i:00}").ToArray();
        var sites = await AddSitesAsync(Meadow, names);
        foreach (var site in sites)
        {
            await InstallAsync(Meadow, plus.CloudId, site);
        }

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        cut.WaitForAssertion(() => Assert.Equal(10, Rows(cut, "Installations").Count), Patience);
        Assert.Equal("Site 12", Rows(cut, "Installations")[0][1]);
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Site 02", "Site 01"], Rows(cut, "Installations").Select(r => r[1])), Patience);
    }

    [Fact]
    public async Task The_test_site_install_is_marked_test_opens_its_keys_and_can_be_removed()
    {
        var plus = await SeedAsync("Acme Plus");
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Contains("No installations yet", cut.Markup), Patience);

        var click = Press(cut, "Install on my test site", dialogs, "Create access key");
        var installation = Assert.Single((await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new(PageRequest.Default))).Data);
        Assert.True(installation.IsTest);
        Assert.Contains("test", dialogs.Find("#keys-dialog-title").TextContent);
        Button(dialogs, "Close").Click();
        await click;

        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installations")), Patience);
        Assert.Contains("test", cut.Find("table[aria-label='Installations'] tbody tr td").TextContent);

        var remove = Press(cut, "Remove from test site", dialogs, "Remove Acme Plus from your test site?");
        Button(dialogs, "Remove from test site").Click();
        await remove;

        cut.WaitForAssertion(() => Assert.Contains("No installations yet", cut.Markup), Patience);
        Assert.Empty((await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new(PageRequest.Default))).Data);
    }

    [Fact]
    public async Task A_new_access_key_is_shown_once_with_a_copy_button_and_a_ready_httpie_line()
    {
        var plus = await SeedAsync("Acme Plus");
        var meadow = await AddSitesAsync(Meadow, "North barn");
        await InstallAsync(Meadow, plus.CloudId, meadow[0]);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installations")), Patience);

        var opened = Press(cut, "Access keys for North barn of Meadow Farm", dialogs, "No access keys yet");
        Button(dialogs, "Create access key").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("#new-access-key")), Patience);
        var secret = dialogs.Find("#new-access-key").GetAttribute("value")!;
        Assert.Matches("^ak_[0-9A-Za-z]{32}$", secret);
        Assert.Contains("it will not be shown again", dialogs.Markup);
        Assert.Equal($"http -a {secret}: GET http://localhost/api/integration", dialogs.Find("pre code").TextContent);
        Button(dialogs, "Copy key").Click();
        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && (string?)i.Arguments[0] == secret);

        var row = Assert.Single(Rows(dialogs, "Access keys"));
        Assert.Equal("ak_" + new string('x', 28) + secret[^4..], row[0]);
        Assert.Equal("Never used", row[2]);
        Assert.NotNull(await AccessKeys.AuthenticateAsync(secret));

        Button(dialogs, "Close").Click();
        await opened;
        var reopened = Press(cut, "Access keys for North barn of Meadow Farm", dialogs, "Create access key");
        dialogs.WaitForAssertion(() => Assert.Single(Rows(dialogs, "Access keys")), Patience);
        Assert.DoesNotContain(secret, dialogs.Markup);
        Assert.Empty(dialogs.FindAll("#new-access-key"));
        Button(dialogs, "Close").Click();
        await reopened;
    }

    [Fact]
    public async Task A_used_key_shows_when_it_was_last_active()
    {
        var plus = await SeedAsync("Acme Plus");
        var meadow = await AddSitesAsync(Meadow, "North barn");
        var installation = (await InstallAsync(Meadow, plus.CloudId, meadow[0]))[0];
        var key = await AccessKeys.CreateAsync(Acme, installation.CloudId);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await AccessKeys.AuthenticateAsync(key.Secret);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installations")), Patience);

        var opened = Press(cut, "Access keys for North barn of Meadow Farm", dialogs, "Create access key");

        dialogs.WaitForAssertion(() => Assert.Single(Rows(dialogs, "Access keys")), Patience);
        var times = dialogs.FindAll("table[aria-label='Access keys'] tbody tr time").Select(t => t.GetAttribute("title")).ToList();
        Assert.Equal(["2001-01-01T01:01:04.000Z (UTC)", "2001-01-01T01:06:04.000Z (UTC)"], times);
        Button(dialogs, "Close").Click();
        await opened;
    }

    [Fact]
    public async Task Deleting_a_key_asks_first_then_the_key_stops_working()
    {
        var plus = await SeedAsync("Acme Plus");
        var meadow = await AddSitesAsync(Meadow, "North barn");
        var installation = (await InstallAsync(Meadow, plus.CloudId, meadow[0]))[0];
        var key = await AccessKeys.CreateAsync(Acme, installation.CloudId);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        cut.WaitForAssertion(() => Assert.Single(Rows(cut, "Installations")), Patience);
        var opened = Press(cut, "Access keys for North barn of Meadow Farm", dialogs, "Create access key");
        dialogs.WaitForAssertion(() => Assert.Single(Rows(dialogs, "Access keys")), Patience);
        var name = $"Delete the key ending {key.Secret[^4..]}";

        var cancelled = Press(dialogs, name, dialogs, "This cannot be undone.");
        Button(dialogs, "Cancel").Click();
        await cancelled;
        Assert.NotNull(await AccessKeys.AuthenticateAsync(key.Secret));

        var confirmed = Press(dialogs, name, dialogs, "This cannot be undone.");
        Button(dialogs, "Delete key").Click();
        await confirmed;

        dialogs.WaitForAssertion(() => Assert.Contains("No access keys yet", dialogs.Markup), Patience);
        Assert.Null(await AccessKeys.AuthenticateAsync(key.Secret));
        Button(dialogs, "Close").Click();
        await opened;
    }

    [Fact]
    public async Task The_delete_dialog_counts_the_real_installations()
    {
        var plus = await SeedAsync("Acme Plus");
        var meadow = await AddSitesAsync(Meadow, "North barn");
        var ridge = await AddSitesAsync(Ridge, "Valley");
        await InstallAsync(Meadow, plus.CloudId, meadow[0]);
        await InstallAsync(Ridge, plus.CloudId, ridge[0]);
        var dialogs = RenderProviders();
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        var click = Press(cut, "Delete", dialogs, "cannot be undone");

        Assert.Contains("2 farm sites have it installed and will lose it; their access keys stop working at once.", dialogs.Find("[role=dialog]").TextContent);
        Button(dialogs, "Cancel").Click();
        await click;
    }
}
