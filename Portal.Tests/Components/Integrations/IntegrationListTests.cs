using Bunit;
using Portal.Components.Pages.Integrations;
using Portal.Data.Integrations;

namespace Portal.Tests.Components.Integrations;

public sealed class IntegrationListTests : IntegrationPageTestContext
{
    [Fact]
    public async Task Lists_only_the_integrators_own_integrations_each_name_linking_to_its_detail_page()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        await SeedAsync("Globex Feed", owner: Globex);

        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")), Patience);
        var link = cut.Find("tbody tr a");
        Assert.Equal("Acme Plus", link.TextContent.Trim());
        Assert.Equal($"/integrations/{plus.CloudId}", link.GetAttribute("href"));
        Assert.Contains("https://acme.com/plus", cut.Find("tbody tr").TextContent);
        Assert.Contains("2001-01-01T01:01:02.000Z", cut.Find("tbody tr time").GetAttribute("title"));
        Assert.DoesNotContain("Globex Feed", cut.Markup);
    }

    [Fact]
    public async Task Rows_show_their_times_in_the_browsers_time_zone_from_the_first_rows_on()
    {
        await SeedAsync("Acme Plus");
        Context.JSInterop.Setup<string?>("portal.timeZone").SetResult("60 Europe/Paris");

        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")), Patience);
        var time = cut.Find("tbody tr time");
        Assert.Equal("1 Jan 2001, 02:01", time.TextContent);
        Assert.Equal("2001-01-01T01:01:02.000Z (UTC)", time.GetAttribute("title"));
    }

    [Fact]
    public async Task A_row_is_marked_clickable_and_its_first_link_is_the_integrations_page()
    {
        // portal.js follows a click anywhere on a row marked data-row-link to the row's first link.
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");

        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")), Patience);
        var row = cut.Find("tbody tr");
        Assert.True(row.HasAttribute("data-row-link"));
        Assert.Equal($"/integrations/{plus.CloudId}", row.QuerySelector("a[href]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_name_or_url_full_of_markup_shows_as_text_and_adds_no_element()
    {
        // The rows are written as markup strings (one render frame per row), so the page itself must encode.
        const string name = "<img src=x onerror=alert(1)> & \"Tom's\" <b>feed</b>";
        await SeedAsync(name, "https://example.com/?a=1&b=<script>");

        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")), Patience);
        var row = cut.Find("tbody tr");
        Assert.Equal(name, row.QuerySelector("a")!.TextContent);
        Assert.Contains("https://example.com/?a=1&b=<script>", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("img, b, script"));
        Assert.Equal(4, row.QuerySelectorAll("td").Length);
    }

    [Fact]
    public async Task Shows_the_newest_first_25_to_a_page_and_the_rest_on_the_next_page()
    {
        for (var i = 1; i <= 27; i++)
        {
            await SeedAsync($"Integration {i:00}");
        }

        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr").Count), Patience);
        Assert.Equal("Integration 27", RowNames(cut)[0]);
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Integration 02", "Integration 01"], RowNames(cut)), Patience);
    }

    [Fact]
    public async Task Sorts_by_name_from_a_to_z_then_z_to_a_when_the_name_header_is_pressed_again()
    {
        await SeedAsync("beta");
        await SeedAsync("Alpha");
        await SeedAsync("gamma");
        var cut = Context.Render<List>();
        cut.WaitForAssertion(() => Assert.Equal(["gamma", "Alpha", "beta"], RowNames(cut)), Patience);

        SortHeader(cut, "Name").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Alpha", "beta", "gamma"], RowNames(cut)), Patience);
        Assert.Equal("ascending", SortHeader(cut, "Name").Closest("th")!.GetAttribute("aria-sort"));

        SortHeader(cut, "Name").Click();
        cut.WaitForAssertion(() => Assert.Equal(["gamma", "beta", "Alpha"], RowNames(cut)), Patience);
    }

    [Fact]
    public async Task Sorts_by_last_update_with_the_most_recently_changed_first()
    {
        var old = await SeedAsync("Old");
        await SeedAsync("Newer");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Integrations.UpdateAsync(Acme, old.CloudId, IntegrationInput.FromForm("Old", "https://example.com/changed", null));
        var cut = Context.Render<List>();
        cut.WaitForAssertion(() => Assert.Equal(["Newer", "Old"], RowNames(cut)), Patience);

        SortHeader(cut, "Updated").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Old", "Newer"], RowNames(cut)), Patience);
    }

    [Fact]
    public async Task Search_by_name_narrows_the_rows_and_says_when_nothing_matches()
    {
        await SeedAsync("Acme Plus");
        await SeedAsync("Acme Feeder");
        await SeedAsync("Barn Monitor");
        var cut = Context.Render<List>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr").Count), Patience);

        Field(cut, "Search by name").Input("acme");
        WaitAfterDebounce(cut, () => Assert.Equal(["Acme Feeder", "Acme Plus"], RowNames(cut)));

        Field(cut, "Search by name").Input("silo");
        WaitAfterDebounce(cut, () => Assert.Contains("No integration matches “silo”", cut.Markup));
    }

    [Fact]
    public async Task A_new_search_starts_again_from_the_first_page()
    {
        for (var i = 1; i <= 27; i++)
        {
            await SeedAsync($"Integration {i:00}");
        }

        var cut = Context.Render<List>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr").Count), Patience);
        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Patience);

        Field(cut, "Search by name").Input("integration 1");

        WaitAfterDebounce(cut, () => Assert.Equal(10, cut.FindAll("tbody tr").Count));
        Assert.Equal("Integration 19", RowNames(cut)[0]);
    }

    [Fact]
    public void Invites_the_first_integration_when_the_integrator_has_none()
    {
        var cut = Context.Render<List>();

        cut.WaitForAssertion(() => Assert.Contains("No integrations yet", cut.Markup), Patience);
        Assert.Equal("/integrations/new", Button(cut, "Create your first integration").GetAttribute("href"));
        Assert.Empty(cut.FindAll("table"));
    }

    private static List<string> RowNames(IRenderedComponent<List> cut) =>
        cut.FindAll("tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement SortHeader(IRenderedComponent<List> cut, string name) =>
        cut.FindAll("th button").Single(b => b.TextContent.Trim() == name);
}
