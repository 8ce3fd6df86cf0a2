using System.Globalization;

namespace Portal.Data.Paging;

/// <summary>A page of a list, as asked for. Built through <see cref="Parse"/>, which owns the paging rules.</summary>
public sealed record PageRequest
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 1000;

    private PageRequest(int page, int perPage)
    {
        Page = page;
        PerPage = perPage;
    }

    public int Page { get; }

    /// <summary>The limit applied: what was asked, clamped to <see cref="MaxPerPage"/>.</summary>
    public int PerPage { get; }

    public static PageRequest Default { get; } = new(1, DefaultPerPage);

    public static PageRequest Of(int page, int perPage) => Parse(
        page.ToString(CultureInfo.InvariantCulture), perPage.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Reads page and per_page as they came in a query string (null when absent; a parameter sent twice arrives
    /// joined with a comma, and is refused). Anything that is not a whole number of at least 1 is reported;
    /// per_page above the maximum is clamped, and so is a page beyond int.
    /// </summary>
    public static PageRequest Parse(string? page, string? perPage) => Parse(page, perPage, DefaultPerPage);

    /// <summary>As <see cref="Parse(string?, string?)"/>, for a list whose per_page defaults to <paramref name="defaultPerPage"/>.</summary>
    public static PageRequest Parse(string? page, string? perPage, int defaultPerPage)
    {
        var errors = new List<ValidationError>();
        var pageNumber = ReadWholeNumber(page, "page", 1, errors);
        var limit = ReadWholeNumber(perPage, "per_page", defaultPerPage, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new PageRequest(pageNumber, Math.Min(limit, MaxPerPage));
    }

    private static int ReadWholeNumber(string? text, string attribute, int fallback, List<ValidationError> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        // ASCII digits and nothing else: no sign, no white space, no NUL (which .NET's number parsing lets trail);
        // leading zeros are allowed, and at least one other digit is needed (so neither "" nor "0" passes).
        var digits = text.TrimStart('0');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            // More than ten digits is beyond int whatever they are; ten or fewer fit a long.
            return digits.Length > 10 ? int.MaxValue : (int)Math.Min(long.Parse(digits, CultureInfo.InvariantCulture), int.MaxValue);
        }

        errors.Add(new(attribute, ValidationCodes.Invalid, $"{attribute} must be a whole number of at least 1."));
        return fallback;
    }
}

/// <summary>Pagination metadata as Gestal (after Kaminari) reports it. Null next/previous pages mean "none".</summary>
public sealed record PageMeta(
    int Total,
    int Pages,
    int PerPage,
    int CurrentPage,
    int? NextPage,
    int? PreviousPage,
    bool FirstPage,
    bool LastPage,
    bool OutOfRange,
    int PageTotal)
{
    public static PageMeta For(PageRequest request, int total, int pageTotal)
    {
        var pages = (int)((total + (long)request.PerPage - 1) / request.PerPage);
        var current = request.Page;
        var outOfRange = current > pages && current != 1;
        return new PageMeta(
            Total: total,
            Pages: pages,
            PerPage: request.PerPage,
            CurrentPage: current,
            NextPage: !outOfRange && current < pages ? current + 1 : null,
            PreviousPage: !outOfRange && current > 1 ? current - 1 : null,
            FirstPage: current == 1,
            LastPage: current == pages || (pages == 0 && current == 1),
            OutOfRange: outOfRange,
            PageTotal: pageTotal);
    }
}

public sealed record Page<T>(IReadOnlyList<T> Data, PageMeta Meta);

/// <summary>
/// Which rows of a sorted list a page reads, from whichever end of the order is nearer: a database walks an index
/// past every skipped row, so the last page of 100,000 rows read from the end skips none. <see cref="FromEnd"/>: read
/// in the opposite order and reverse the rows.
/// </summary>
internal readonly record struct PageWindow(int Skip, int Take, bool FromEnd)
{
    public static PageWindow For(long offset, int perPage, int total)
    {
        var end = Math.Min(total, offset + perPage);
        var fromEnd = total - end;
        return fromEnd < offset
            ? new PageWindow((int)fromEnd, (int)(end - offset), FromEnd: true)
            : new PageWindow((int)offset, perPage, FromEnd: false);
    }
}
