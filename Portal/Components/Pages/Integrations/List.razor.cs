using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Components.Pages.Integrations;

public partial class List : IDisposable
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);
    private const string PagerButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-flip-x-rtl";

    // Markup that never changes: one string for every circuit, one render-tree frame each.
    private static readonly MarkupString Header = new(
        "<div role=\"group\" class=\"d-flex flex-row justify-space-between align-center flex-wrap gap-3 mb-4\">"
        + "<h1 class=\"mud-typography mud-typography-h4\">Integrations</h1>"
        + "<a class=\"mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple\" href=\"/integrations/new\">"
        + $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-medium\">{SvgIcon.Of(Icons.Material.Filled.Add)}</span>New integration</span></a></div>");

    private static readonly MarkupString EmptyState = new(
        "<div class=\"mud-paper mud-paper-outlined pa-8 d-flex flex-column align-center gap-3\" style=\"text-align: center\">"
        + SvgIcon.Of(Icons.Material.Outlined.Extension, "mud-primary-text mud-icon-size-large")
        + "<h2 class=\"mud-typography mud-typography-h6\">No integrations yet</h2>"
        + "<p class=\"mud-typography mud-typography-body1\" style=\"max-width: 36rem\">An integration lets tenants install your product into their farm sites. Give it a name, a link to your "
        + "product and a short description; tenants see them in the catalog.</p>"
        + "<a class=\"mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple\" href=\"/integrations/new\">"
        + "<span class=\"mud-button-label\">Create your first integration</span></a></div>");

    private static readonly MarkupString SearchAdornment = new(
        "<div class=\"mud-input-adornment mud-input-adornment-start\">"
        + SvgIcon.Of(Icons.Material.Filled.Search, "mud-icon-default mud-icon-size-medium mud-input-adornment-icon") + "</div>");

    private static readonly MarkupString SearchBorder = new("<fieldset class=\"mud-input-outlined-border\"><legend>Search by name</legend></fieldset>");

    private static readonly MarkupString SearchLabel = new(
        "<label class=\"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol\" for=\"integration-search\">Search by name</label>");

    private static readonly MarkupString ClearIcon = SvgIcon.Of(Icons.Material.Filled.Clear, "mud-icon-size-small");
    private static readonly MarkupString FirstIcon = IconButtonLabel(Icons.Material.Filled.FirstPage);
    private static readonly MarkupString PreviousIcon = IconButtonLabel(Icons.Material.Filled.NavigateBefore);
    private static readonly MarkupString NextIcon = IconButtonLabel(Icons.Material.Filled.NavigateNext);
    private static readonly MarkupString LastIcon = IconButtonLabel(Icons.Material.Filled.LastPage);
    private static readonly MarkupString UrlHeader = new("<th scope=\"col\" class=\"mud-table-cell\">URL</th>");
    private static readonly MarkupString PagerSpacer = new("<div class=\"mud-table-pagination-spacer\"></div>");

    private static readonly MarkupString PageSizeLabel = new(
        "<div class=\"mud-table-pagination-caption\"><label class=\"mud-table-pagination-information\" for=\"integration-page-size\">Rows per page:</label></div>");

    /// <summary>The page-size select's options with each size selected, as markup: four strings for every circuit.</summary>
    private static readonly Dictionary<int, MarkupString> PageSizeOptions = PageSizes.ToDictionary(
        selected => selected,
        selected => new MarkupString(string.Concat(PageSizes.Select(size =>
            $"<option value=\"{size}\"{(size == selected ? " selected" : "")}>{size}</option>"))));

    /// <summary>A sortable column's name and arrow, as markup: one string per column and state for every circuit.</summary>
    private static readonly Dictionary<(IntegrationSort Column, IntegrationSort Sorted, bool Descending), MarkupString> SortLabels =
        (from column in Enum.GetValues<IntegrationSort>()
         from sorted in Enum.GetValues<IntegrationSort>()
         from reversed in new[] { false, true }
         select (column, sorted, reversed))
        .ToDictionary(key => key, key => new MarkupString(ColumnName(key.column) + SortIcon(key.column, key.sorted, key.reversed)));

    private IReadOnlyList<MarkupString> _rows = [];
    private int _total;
    private int _page; // 0-based
    private int _pageSize = 25;
    private bool _loaded;
    private string? _search;
    private bool _hasNone;
    private IntegrationSort _sort = IntegrationSort.Created;
    private bool _descending = true;
    private TimeZoneInfo? _zone;
    private CancellationTokenSource? _pendingSearch;
    private int _loads;

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private bool IsFirstPage => _page == 0;

    private bool IsLastPage => (_page + 1) * _pageSize >= _total;

    private MarkupString PageInformation => new(
        "<div class=\"mud-table-pagination-caption\"><div class=\"mud-table-page-number-information\" translate=\"no\">"
        + (_total == 0 ? "0-0 of 0" : $"{(_page * _pageSize) + 1}-{Math.Min((_page + 1) * _pageSize, _total)} of {_total}")
        + "</div></div>");

    protected override async Task OnInitializedAsync()
    {
        await GetActorAsync();
        if (!IsTenant)
        {
            // The zone before the rows, so that each row's markup is written once: rows written in UTC and again in
            // the browser's zone would stay twice in the circuit (the renderer keeps the previous render's frames).
            if (RendererInfo.IsInteractive)
            {
                _zone = await BrowserTimeZone.ReadAsync(JS);
            }

            await LoadAsync();
        }
    }

    public void Dispose()
    {
        _pendingSearch?.Cancel();
        _pendingSearch?.Dispose();
    }

    /// <summary>Reads the page shown; a slower, older read never overwrites a newer one.</summary>
    private async Task LoadAsync(CancellationToken ct = default)
    {
        var load = ++_loads;
        var query = new IntegrationListQuery(PageRequest.Of(_page + 1, _pageSize))
        {
            Search = _search,
            Sort = _sort,
            Descending = _descending,
        };
        var page = await Integrations.ListAsync(await GetActorAsync(), query, ct);
        if (load != _loads)
        {
            return;
        }

        if (page.Data.Count == 0 && page.Meta.Total > 0 && _page > 0)
        {
            // The page shown no longer exists (rows were deleted elsewhere): show the last one that does.
            _page = (page.Meta.Total - 1) / _pageSize;
            await LoadAsync(ct);
            return;
        }

        _hasNone = page.Meta.Total == 0 && string.IsNullOrWhiteSpace(_search);
        _total = page.Meta.Total;
        _rows = [.. page.Data.Select(d => RowMarkup(d, _zone))];
        _loaded = true;
    }

    /// <summary>Any change to one of the integrator's integrations re-loads the page shown: rows appear, change, disappear.</summary>
    private bool Concerns(EventData e) => IsOwn(e) && e.SubjectKind == EventSubjects.Integration;

    private async Task ChangedElsewhereAsync(EventData e) => await LoadAsync();

    /// <summary>Searches 300 ms after the last keystroke (on the injected clock), from the first page.</summary>
    private async Task SearchInput(ChangeEventArgs e)
    {
        _search = e.Value as string;
        _pendingSearch?.Cancel();
        _pendingSearch?.Dispose();
        var pending = _pendingSearch = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchDebounce, Clock, pending.Token);
        }
        catch (OperationCanceledException)
        {
            return; // a later keystroke searches instead
        }

        await ReloadFromFirstPageAsync();
    }

    private async Task ClearSearchAsync()
    {
        _pendingSearch?.Cancel();
        _search = null;
        await ReloadFromFirstPageAsync();
    }

    /// <summary>A new search or order starts again at page 1 (page 3 of the old results may not exist).</summary>
    private async Task ReloadFromFirstPageAsync()
    {
        _page = 0;
        await LoadAsync();
    }

    private Task SortByNameAsync() => SortByAsync(IntegrationSort.Name);

    private Task SortByCreatedAsync() => SortByAsync(IntegrationSort.Created);

    private Task SortByUpdatedAsync() => SortByAsync(IntegrationSort.Updated);

    /// <summary>A new column sorts names A to Z and dates newest first; the same column again reverses it.</summary>
    private async Task SortByAsync(IntegrationSort sort)
    {
        _descending = sort == _sort ? !_descending : sort != IntegrationSort.Name;
        _sort = sort;
        await ReloadFromFirstPageAsync();
    }

    private async Task PageSizeChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value as string, out var size) && PageSizes.Contains(size))
        {
            _pageSize = size;
            await ReloadFromFirstPageAsync();
        }
    }

    private Task FirstPageAsync() => GoToPageAsync(0);

    private Task PreviousPageAsync() => GoToPageAsync(_page - 1);

    private Task NextPageAsync() => GoToPageAsync(_page + 1);

    private Task LastPageAsync() => GoToPageAsync(Math.Max(0, (_total - 1) / _pageSize));

    private async Task GoToPageAsync(int page)
    {
        _page = Math.Max(0, page);
        await LoadAsync();
    }

    /// <summary>Only the sorted column says how it is sorted (as ARIA asks: one header at a time); the others have no attribute.</summary>
    private string? AriaSort(IntegrationSort sort) =>
        sort != _sort ? null : _descending ? "descending" : "ascending";

    private MarkupString SortLabel(IntegrationSort column) => SortLabels[(column, _sort, _descending)];

    private static MarkupString SortIcon(IntegrationSort column, IntegrationSort sorted, bool descending) =>
        SvgIcon.Of(column == sorted && !descending ? Icons.Material.Filled.ArrowUpward : Icons.Material.Filled.ArrowDownward,
            column == sorted ? "mud-icon-size-small" : "mud-icon-size-small sort-icon-idle");

    private static string ColumnName(IntegrationSort column) => column switch
    {
        IntegrationSort.Name => "Name",
        IntegrationSort.Created => "Created",
        _ => "Updated",
    };

    private static MarkupString IconButtonLabel(string icon) => new($"<span class=\"mud-icon-button-label\">{SvgIcon.Of(icon)}</span>");

    /// <summary>
    /// A whole row as one markup string, formatted once per load: one render-tree frame per row instead of about thirty
    /// (the list's render buffers are most of what its circuit holds). A click anywhere on the row follows its link
    /// (portal.js, for rows marked data-row-link), so that no row needs a handler of its own in the circuit; the link is
    /// what keyboards and screen readers use. Every value from the database is HTML-encoded here; nothing else goes
    /// into the markup. The link's look is one class (app.css), not MudBlazor's five repeated in every row.
    /// </summary>
    private static MarkupString RowMarkup(IntegrationData data, TimeZoneInfo? zone)
    {
        var row = new StringBuilder(640)
            .Append("<tr class=\"mud-table-row mud-table-row-clickable\" data-row-link>")
            .Append("<td data-label=\"Name\" class=\"mud-table-cell\"><a href=\"").Append(Html.Encode($"/integrations/{data.CloudId}"))
            .Append("\" class=\"portal-row-link\">").Append(Html.Encode(data.Name)).Append("</a></td>")
            .Append("<td data-label=\"URL\" class=\"mud-table-cell\"><span class=\"mud-text-secondary portal-wrap-anywhere\">")
            .Append(Html.Encode(data.Url)).Append("</span></td>");
        AppendTime(row, "Created", data.CreatedAt, zone);
        AppendTime(row, "Updated", data.UpdatedAt, zone);
        return new MarkupString(row.Append("</tr>").ToString());
    }

    /// <summary>What <see cref="LocalTime"/> renders: the local time, with the exact UTC instant as its title.</summary>
    private static void AppendTime(StringBuilder row, string label, DateTime value, TimeZoneInfo? zone)
    {
        var iso = BrowserTimeZone.ToIso(value);
        row.Append("<td data-label=\"").Append(label).Append("\" class=\"mud-table-cell\"><time datetime=\"").Append(iso)
            .Append("\" title=\"").Append(iso).Append(" (UTC)\">").Append(Html.Encode(BrowserTimeZone.Format(value, zone))).Append("</time></td>");
    }
}
