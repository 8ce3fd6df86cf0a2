using Portal.Data.Paging;

namespace Portal.Tests.Data;

/// <summary>
/// Which end of a sorted list a page is read from (issue 8: the last page of 100,000 rows must cost what page 1 costs).
/// A database walks its index past every skipped row, so a page nearer the end is read backwards from the end and
/// skips only the rows after it. The rows a page holds are the same either way (the list tests show that); this is
/// about how many rows the database must walk past to reach them.
/// </summary>
public sealed class PageWindowTests
{
    [Theory]
    [InlineData(0, 100, 100_000, 0, 100, false)] // page 1: from the start, nothing skipped
    [InlineData(99_900, 100, 100_000, 0, 100, true)] // the last page: from the end, nothing skipped
    [InlineData(99_950, 100, 100_000, 0, 50, true)] // past the last full page: only the rows that are left
    [InlineData(99_000, 100, 100_000, 900, 100, true)] // near the end: skips the 900 rows after it, not 99,000
    [InlineData(1_000, 100, 100_000, 1_000, 100, false)] // near the start: skips the 1,000 before it
    [InlineData(100, 100, 300, 100, 100, false)] // the middle page: as near either end, read in the list's own order
    [InlineData(0, 100, 50, 0, 100, false)] // a list shorter than a page: from the start
    public void A_page_is_read_from_the_nearer_end(long offset, int perPage, int total, int skip, int take, bool fromEnd)
    {
        Assert.Equal(new PageWindow(skip, take, fromEnd), PageWindow.For(offset, perPage, total));
    }
}
