using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Tests.Data;

public sealed class IntegrationListTests : ServiceTest
{
    [Fact]
    public async Task Empty_list_has_no_pages_and_is_its_own_first_and_last_page()
    {
        var page = await ListAsync(Acme, 1, 100);

        Assert.Empty(page.Data);
        Assert.Equal(new PageMeta(0, 0, 100, 1, null, null, true, true, false, 0), page.Meta);
    }

    [Fact]
    public async Task Exactly_one_page()
    {
        await CreateManyAsync(Acme, 10);

        var page = await ListAsync(Acme, 1, 10);

        Assert.Equal(new PageMeta(10, 1, 10, 1, null, null, true, true, false, 10), page.Meta);
    }

    [Fact]
    public async Task Full_last_page()
    {
        await CreateManyAsync(Acme, 6);

        var page = await ListAsync(Acme, 2, 3);

        Assert.Equal(new PageMeta(6, 2, 3, 2, null, 1, false, true, false, 3), page.Meta);
        Assert.Equal(["Item 3", "Item 2", "Item 1"], page.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Partial_last_page()
    {
        await CreateManyAsync(Acme, 7);

        var middle = await ListAsync(Acme, 2, 3);
        var last = await ListAsync(Acme, 3, 3);

        Assert.Equal(new PageMeta(7, 3, 3, 2, 3, 1, false, false, false, 3), middle.Meta);
        Assert.Equal(new PageMeta(7, 3, 3, 3, null, 2, false, true, false, 1), last.Meta);
        Assert.Equal(["Item 1"], last.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Page_beyond_the_end_is_out_of_range_and_empty()
    {
        await CreateManyAsync(Acme, 3);

        var page = await ListAsync(Acme, 5, 2);

        Assert.Empty(page.Data);
        Assert.Equal(new PageMeta(3, 2, 2, 5, null, null, false, false, true, 0), page.Meta);
    }

    [Fact]
    public async Task Page_two_of_an_empty_list_is_out_of_range()
    {
        var page = await ListAsync(Acme, 2, 10);

        Assert.True(page.Meta.OutOfRange);
        Assert.False(page.Meta.LastPage);
    }

    [Fact]
    public async Task Per_page_of_one_walks_newest_first()
    {
        await CreateManyAsync(Acme, 3);

        var first = await ListAsync(Acme, 1, 1);
        var second = await ListAsync(Acme, 2, 1);

        Assert.Equal("Item 3", first.Data.Single().Name);
        Assert.Equal(new PageMeta(3, 3, 1, 1, 2, null, true, false, false, 1), first.Meta);
        Assert.Equal("Item 2", second.Data.Single().Name);
    }

    [Fact]
    public async Task Per_page_above_1000_is_clamped_to_1000()
    {
        await CreateManyAsync(Acme, 2);

        var page = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Parse("1", "5000")));

        Assert.Equal(1000, page.Meta.PerPage);
        Assert.Equal(2, page.Data.Count);
    }

    [Fact]
    public async Task Among_equal_timestamps_the_later_created_comes_first()
    {
        await CreateAsync(Acme, "Older");
        await CreateAsync(Acme, "Newer"); // same instant: the clock did not move

        var page = await ListAsync(Acme, 1, 10);

        Assert.Equal(["Newer", "Older"], page.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task The_list_holds_only_the_callers_integrations()
    {
        await CreateManyAsync(Acme, 2);
        await CreateAsync(Globex, "Theirs");

        var page = await ListAsync(Acme, 1, 10);

        Assert.Equal(2, page.Meta.Total);
        Assert.DoesNotContain(page.Data, i => i.Name == "Theirs");
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("-1", null, "page")]
    [InlineData("1.5", null, "page")]
    [InlineData("abc", null, "page")]
    [InlineData("", null, "page")]
    [InlineData(null, "0", "per_page")]
    [InlineData(null, "ten", "per_page")]
    [InlineData("1\0", null, "page")]
    [InlineData("\01", null, "page")]
    [InlineData(" 2", null, "page")]
    [InlineData("2 ", null, "page")]
    [InlineData("+2", null, "page")]
    [InlineData("\uFF12", null, "page")]
    [InlineData("0x10", null, "page")]
    [InlineData("1e3", null, "page")]
    [InlineData("000", null, "page")]
    [InlineData(null, "10\n", "per_page")]
    [InlineData(null, "1,2", "per_page")]
    public void Page_and_per_page_must_be_whole_numbers_of_at_least_one(string? page, string? perPage, string attribute)
    {
        var error = Assert.Throws<ValidationFailedException>(() => PageRequest.Parse(page, perPage));

        Assert.Equal(new ValidationError(attribute, "invalid", $"{attribute} must be a whole number of at least 1."), error.Errors.Single());
    }

    [Fact]
    public void Both_bad_parameters_are_reported_at_once()
    {
        var error = Assert.Throws<ValidationFailedException>(() => PageRequest.Parse("", "-1"));

        Assert.Equal(["page", "per_page"], error.Errors.Select(e => e.Attribute));
    }

    [Theory]
    [InlineData("007", 7)]
    [InlineData("1000000000", 1_000_000_000)]
    [InlineData("2147483646", int.MaxValue - 1)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("2147483648", int.MaxValue)]
    [InlineData("10000000000", int.MaxValue)]
    [InlineData("99999999999999999999999999", int.MaxValue)]
    public void A_page_number_with_leading_zeros_or_beyond_int_is_still_a_whole_number(string page, int expected) =>
        Assert.Equal(expected, PageRequest.Parse(page, null).Page);

    [Fact]
    public async Task Search_matches_part_of_the_name_ignoring_case_and_treats_wildcards_literally()
    {
        await CreateAsync(Acme, "Feed Monitor");
        await CreateAsync(Acme, "Sow Tracker");
        await CreateAsync(Acme, "100% Uptime");

        var monitor = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Search = "MONI" });
        var percent = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Search = "%" });

        Assert.Equal(["Feed Monitor"], monitor.Data.Select(i => i.Name));
        Assert.Equal(1, monitor.Meta.Total);
        Assert.Equal(["100% Uptime"], percent.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Sort_by_name_and_by_updated()
    {
        var banana = await CreateAsync(Acme, "banana");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(Acme, "Apple");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(Acme, "cherry");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Service.UpdateAsync(Acme, banana.CloudId, Patch(url: Field.Of("https://banana.com")));

        var byName = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Sort = IntegrationSort.Name, Descending = false });
        var byUpdated = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Sort = IntegrationSort.Updated });

        Assert.Equal(["Apple", "banana", "cherry"], byName.Data.Select(i => i.Name));
        Assert.Equal(["banana", "cherry", "Apple"], byUpdated.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Ascending_by_created_walks_oldest_first()
    {
        await CreateManyAsync(Acme, 3);

        var page = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Sort = IntegrationSort.Created, Descending = false });

        Assert.Equal(["Item 1", "Item 2", "Item 3"], page.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Ascending_by_updated_puts_the_latest_change_last()
    {
        var banana = await CreateAsync(Acme, "banana");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(Acme, "Apple");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(Acme, "cherry");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Service.UpdateAsync(Acme, banana.CloudId, Patch(url: Field.Of("https://banana.com")));

        var page = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Sort = IntegrationSort.Updated, Descending = false });

        Assert.Equal(["Apple", "cherry", "banana"], page.Data.Select(i => i.Name));
    }

    [Theory]
    [InlineData(IntegrationSort.Created, false, new[] { "Zulu", "Alpha", "Mike" })]
    [InlineData(IntegrationSort.Created, true, new[] { "Mike", "Alpha", "Zulu" })]
    [InlineData(IntegrationSort.Updated, false, new[] { "Zulu", "Alpha", "Mike" })]
    [InlineData(IntegrationSort.Updated, true, new[] { "Mike", "Alpha", "Zulu" })]
    public async Task Among_equal_timestamps_the_order_follows_creation_in_the_sort_direction(
        IntegrationSort sort, bool descending, string[] expected)
    {
        // The clock does not move, so all three share created_at and updated_at; names are not in creation order.
        await CreateAsync(Acme, "Zulu");
        await CreateAsync(Acme, "Alpha");
        await CreateAsync(Acme, "Mike");

        var page = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default) { Sort = sort, Descending = descending });

        Assert.Equal(expected, page.Data.Select(i => i.Name));
    }

    [Fact]
    public async Task Timestamps_are_truncated_to_the_millisecond_when_the_clock_moves_sub_second()
    {
        Db.Clock.Advance(TimeSpan.FromMilliseconds(1.2345));
        var created = await CreateAsync(Acme, "Acme Plus");
        Db.Clock.Advance(TimeSpan.FromMilliseconds(1.2345));
        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/new")));
        var stored = await Service.GetAsync(Acme, created.CloudId);

        var start = new DateTime(2001, 1, 1, 1, 1, 1, DateTimeKind.Utc);
        Assert.Equal(start.AddMilliseconds(1), created.CreatedAt);
        Assert.Equal(start.AddMilliseconds(2), updated.UpdatedAt);
        Assert.Equal((start.AddMilliseconds(1), start.AddMilliseconds(2)), (stored.CreatedAt, stored.UpdatedAt));
    }

    [Fact]
    public async Task The_catalog_shows_every_integrators_integrations_to_tenants()
    {
        await CreateAsync(Acme, "Acme Plus");
        await CreateAsync(Globex, "Globex Feed");

        var catalog = await Service.ListCatalogAsync(Farm, new IntegrationListQuery(PageRequest.Default) { Sort = IntegrationSort.Name, Descending = false });

        Assert.Equal(["Acme Plus", "Globex Feed"], catalog.Data.Select(i => i.Name));
    }

    [Theory]
    [InlineData(IntegrationSort.Created, true)]
    [InlineData(IntegrationSort.Created, false)]
    [InlineData(IntegrationSort.Name, false)]
    [InlineData(IntegrationSort.Name, true)]
    [InlineData(IntegrationSort.Updated, true)]
    public async Task Every_page_holds_the_rows_of_the_whole_list_in_order_whichever_end_it_is_read_from(IntegrationSort sort, bool descending)
    {
        await CreateManyAsync(Acme, 11);
        await CreateAsync(Acme, "Same second A"); // equal timestamps: ties follow creation
        await CreateAsync(Acme, "Same second B");
        var whole = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Of(1, 100)) { Sort = sort, Descending = descending });

        var paged = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var found = await Service.ListAsync(Acme, new IntegrationListQuery(PageRequest.Of(page, 3)) { Sort = sort, Descending = descending });
            paged.AddRange(found.Data.Select(i => i.CloudId));
        }

        Assert.Equal(13, whole.Data.Count);
        Assert.Equal(whole.Data.Select(i => i.CloudId), paged);
    }
}
