using Bunit;
using MudBlazor;
using Portal.Components.Pages.Events;
using Portal.Components.Pages.Integrations;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Tests.Components.Integrations;

namespace Portal.Tests.Components.Events;

/// <summary>Issue 10: the History section of the detail page, the Activity page, and both following changes live.</summary>
public sealed class HistoryAndActivityTests : IntegrationPageTestContext
{
    private static readonly Actor Ci = Acme with { Name = "ci", Via = ActorCredential.ApiToken };

    private static IntegrationInput Patch(string? name = null, string? url = null, string? description = null) =>
        new(name is null ? Portal.Data.Integrations.Field.Absent : Portal.Data.Integrations.Field.Of(name), url is null ? Portal.Data.Integrations.Field.Absent : Portal.Data.Integrations.Field.Of(url), description is null ? Portal.Data.Integrations.Field.Absent : Portal.Data.Integrations.Field.Of(description));

    private static List<string> Entries<T>(IRenderedComponent<T> cut, string list) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll($"ol[aria-label='{list}'] > li h3, ol[aria-label='{list}'] > li h2").Select(h => h.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_history_shows_each_version_newest_first_with_who_when_and_before_and_after()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Integrations.UpdateAsync(Ci, plus.CloudId, Patch(url: "https://acme.com/another"));

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        var entries = cut.FindAll("ol[aria-label='Versions'] > li");
        Assert.Equal(2, entries.Count);
        Assert.StartsWith("Updated by API token ci", entries[0].QuerySelector("h3")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Created by dev-acme", entries[1].QuerySelector("h3")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("2001-01-01T01:01:03.000Z (UTC)", entries[0].QuerySelector("time")!.GetAttribute("title"));
        Assert.Equal(["url"], entries[0].QuerySelectorAll("dt").Select(t => t.TextContent.Trim()));
        Assert.Equal("https://acme.com/plus", entries[0].QuerySelector("del")!.TextContent);
        Assert.Equal("https://acme.com/another", entries[0].QuerySelector("ins")!.TextContent);
        Assert.Equal(["name", "url"], entries[1].QuerySelectorAll("dt").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task A_long_description_reads_as_a_line_diff()
    {
        var plus = await SeedAsync("Acme Plus", description: "First line.\nSecond line.\nThird line.");
        await Integrations.UpdateAsync(Acme, plus.CloudId, Patch(description: "First line.\nSecond line, changed.\nThird line.\nFourth."));

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        var diff = cut.FindAll("ol[aria-label='Versions'] > li")[0].QuerySelector(".line-diff")!;
        var lines = diff.QuerySelectorAll("div").Select(d => (d.ClassName, d.TextContent.Trim())).ToList();
        Assert.Equal(
            [("diff-same", "unchanged: First line."), ("diff-removed", "−removed: Second line."), ("diff-added", "+added: Second line, changed."), ("diff-same", "unchanged: Third line."), ("diff-added", "+added: Fourth.")],
            lines);
        Assert.Equal("Changes to description", diff.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_history_pages_ten_versions_at_a_time()
    {
        var plus = await SeedAsync("Acme Plus");
        for (var i = 1; i <= 10; i++)
        {
            await Integrations.UpdateAsync(Acme, plus.CloudId, Patch(url: $"https://acme.com/{i}"));
        }

        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));
        Assert.Equal(10, cut.FindAll("ol[aria-label='Versions'] > li").Count);

        await cut.InvokeAsync(() => cut.FindComponent<MudPagination>().Instance.SelectedChanged.InvokeAsync(2));

        var last = Assert.Single(cut.FindAll("ol[aria-label='Versions'] > li"));
        Assert.StartsWith("Created by", last.QuerySelector("h3")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_detail_page_follows_a_scripts_patch_and_delete_without_a_reload()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId));

        await Integrations.UpdateAsync(Ci, plus.CloudId, Patch(name: "Acme Plus 2"));

        cut.WaitForAssertion(() => Assert.Equal("Acme Plus 2", cut.Find("h1").TextContent.Trim()), Patience);
        cut.WaitForAssertion(() => Assert.StartsWith("Updated by API token ci", Entries(cut, "Versions")[0], StringComparison.Ordinal), Patience);

        await Integrations.DeleteAsync(Ci, plus.CloudId);

        cut.WaitForAssertion(() => Assert.Equal("Integration deleted", cut.Find("h1").TextContent.Trim()), Patience);
        Assert.Contains("Acme Plus 2 was deleted by API token ci just now", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_integrators_change_to_their_own_integration_never_reaches_the_page()
    {
        var theirs = await SeedAsync("Globex Feed", owner: Globex);
        var cut = Context.Render<Detail>(p => p.Add(d => d.CloudId, theirs.CloudId));
        Assert.Equal("Integration not found", cut.Find("h1").TextContent.Trim());

        await Integrations.DeleteAsync(Globex with { Name = "Globex CI" }, theirs.CloudId);

        Assert.Equal("Integration not found", cut.Find("h1").TextContent.Trim());
        Assert.DoesNotContain("Globex", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_activity_page_lists_everything_including_deletions_and_filters_by_integration_and_kind()
    {
        var plus = await SeedAsync("Acme Plus");
        var other = await SeedAsync("Other");
        var installation = await Service<InstallationService>().InstallOnTestSiteAsync(Acme, plus.CloudId);
        await Service<Portal.Data.AccessKeys.AccessKeyService>().CreateAsync(Acme, installation.CloudId);
        await Integrations.DeleteAsync(Ci, other.CloudId);
        RenderProviders();

        var cut = Context.Render<Activity>();

        Assert.Equal(
            ["Deleted Other", "Access key created Acme Plus on Test site", "Installed Acme Plus on Test site (dev-acme)", "Created Acme Plus"],
            Entries(cut, "Activity").Select(Headline));
        Assert.Contains("API token ci", Entries(cut, "Activity")[0], StringComparison.Ordinal);

        var selects = cut.FindComponents<MudSelect<string>>();
        await cut.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync(EventSubjects.Installation));
        Assert.Equal(["Installed Acme Plus on Test site (dev-acme)"], Entries(cut, "Activity").Select(Headline));

        await cut.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync("all"));
        await cut.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(other.CloudId));
        Assert.Equal(["Deleted Other"], Entries(cut, "Activity").Select(Headline)); // its versions went with it
    }

    [Fact]
    public async Task The_activity_page_has_an_empty_state_and_follows_new_events_live()
    {
        RenderProviders();
        var cut = Context.Render<Activity>();
        Assert.Contains("No activity yet", cut.Markup, StringComparison.Ordinal);

        await SeedAsync("Acme Plus");

        cut.WaitForAssertion(() => Assert.Equal(["Created Acme Plus"], Entries(cut, "Activity").Select(Headline)), Patience);
    }

    [Fact]
    public async Task Filters_that_match_nothing_say_so_and_offer_to_show_everything()
    {
        await SeedAsync("Acme Plus");
        RenderProviders();
        var cut = Context.Render<Activity>();

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync(EventSubjects.AccessKey));

        Assert.Contains("Nothing matches these filters", cut.Markup, StringComparison.Ordinal);
        await cut.InvokeAsync(() => Button(cut, "Show everything").Click());
        Assert.Equal(["Created Acme Plus"], Entries(cut, "Activity").Select(Headline));
    }

    [Fact]
    public async Task The_edit_form_keeps_typed_text_and_shows_who_changed_it_then_saving_goes_through_the_conflict_path()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        RenderProviders();
        var cut = Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId));
        Field(cut, "Description").Input("Typed here, not saved yet.");

        await Integrations.UpdateAsync(Ci, plus.CloudId, Patch(url: "https://acme.com/by-script"));

        cut.WaitForAssertion(() => Assert.Contains("Changed by API token ci just now", cut.Find("[role=status]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Typed here, not saved yet.", Field(cut, "Description").GetAttribute("value") ?? Field(cut, "Description").TextContent);
        Assert.Equal("https://acme.com/plus", Field(cut, "URL").GetAttribute("value"));

        await cut.InvokeAsync(() => Button(cut, "Keep editing").Click());
        Assert.Empty(cut.FindAll("[role=status]"));
        await cut.InvokeAsync(() => cut.Find("form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("changed elsewhere since you opened this form", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("https://acme.com/by-script", (await Integrations.GetAsync(Acme, plus.CloudId)).Url);
        Assert.Null((await Integrations.GetAsync(Acme, plus.CloudId)).Description);
    }

    [Fact]
    public async Task Reload_in_the_banner_loads_the_latest_version()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        RenderProviders();
        var cut = Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId));
        await Integrations.UpdateAsync(Ci, plus.CloudId, Patch(url: "https://acme.com/by-script"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=status]")), Patience);

        await cut.InvokeAsync(() => cut.FindAll("[role=status] button").Single(b => b.TextContent.Trim() == "Reload").Click());

        cut.WaitForAssertion(() => Assert.Equal("https://acme.com/by-script", Field(cut, "URL").GetAttribute("value")), Patience);
        Assert.Empty(cut.FindAll("[role=status]"));
    }

    [Fact]
    public async Task The_list_shows_rows_appear_change_and_disappear_live()
    {
        var plus = await SeedAsync("Acme Plus");
        var cut = Context.Render<List>();
        cut.WaitForAssertion(() => Assert.Contains("Acme Plus", cut.Find("tbody").TextContent, StringComparison.Ordinal), Patience);

        await SeedAsync("Brand New");
        cut.WaitForAssertion(() => Assert.Contains("Brand New", cut.Find("tbody").TextContent, StringComparison.Ordinal), Patience);
        await Integrations.UpdateAsync(Ci, plus.CloudId, Patch(name: "Acme Renamed"));
        cut.WaitForAssertion(() => Assert.Contains("Acme Renamed", cut.Find("tbody").TextContent, StringComparison.Ordinal), Patience);
        await Integrations.DeleteAsync(Ci, plus.CloudId);

        cut.WaitForAssertion(() => Assert.DoesNotContain("Acme Renamed", cut.Find("tbody").TextContent, StringComparison.Ordinal), Patience);
    }

    private static string Headline(string text) => text.Split(" · ")[0].Trim();
}
