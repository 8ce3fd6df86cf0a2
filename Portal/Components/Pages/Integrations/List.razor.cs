using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Components.Pages.Integrations;

public partial class List
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudTable<IntegrationData>? _table;
    private string? _search;
    private bool _hasNone;
    private IntegrationSort _sort = IntegrationSort.Created;
    private bool _descending = true;
    private TimeZoneInfo? _zone;
    private readonly Dictionary<string, object> _tableAttributes = new() { ["aria-label"] = "Your integrations" };

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;


    protected override async Task OnInitializedAsync() => await GetActorAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !IsTenant)
        {
            _zone = await BrowserTimeZone.ReadAsync(JS);
            if (_zone is not null)
            {
                StateHasChanged();
            }
        }
    }

    private async Task<TableData<IntegrationData>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var query = new IntegrationListQuery(PageRequest.Of(state.Page + 1, state.PageSize))
        {
            Search = _search,
            Sort = _sort,
            Descending = _descending,
        };
        var page = await Integrations.ListAsync(await GetActorAsync(), query, ct);
        if (page.Meta.Total == 0 && string.IsNullOrWhiteSpace(_search))
        {
            _hasNone = true;
            StateHasChanged();
        }

        return new TableData<IntegrationData> { Items = page.Data, TotalItems = page.Meta.Total };
    }

    /// <summary>Any change to one of the integrator's integrations re-loads the page shown: rows appear, change, disappear.</summary>
    private bool Concerns(EventData e) => IsOwn(e) && e.SubjectKind == EventSubjects.Integration;

    private async Task ChangedElsewhereAsync(EventData e)
    {
        if (_hasNone)
        {
            _hasNone = false; // the table renders and loads afresh
        }
        else if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task SearchChanged(string? search)
    {
        _search = search;
        await ReloadFromFirstPageAsync();
    }

    /// <summary>A new search or order starts again at page 1 (page 3 of the old results may not exist).</summary>
    private async Task ReloadFromFirstPageAsync()
    {
        if (_table is null)
        {
            return;
        }

        if (_table.CurrentPage != 0)
        {
            _table.NavigateTo(0); // loads the first page
            return;
        }

        await _table.ReloadServerData();
    }

    /// <summary>A new column sorts names A to Z and dates newest first; the same column again reverses it.</summary>
    private async Task SortByAsync(IntegrationSort sort)
    {
        _descending = sort == _sort ? !_descending : sort != IntegrationSort.Name;
        _sort = sort;
        await ReloadFromFirstPageAsync();
    }

    private string AriaSort(IntegrationSort sort) =>
        sort != _sort ? "none" : _descending ? "descending" : "ascending";

    private string SortIcon(IntegrationSort sort) =>
        sort == _sort && !_descending ? Icons.Material.Filled.ArrowUpward : Icons.Material.Filled.ArrowDownward;

    private void OpenRow(TableRowClickEventArgs<IntegrationData> args)
    {
        if (args.Item is not null)
        {
            Navigation.NavigateTo($"/integrations/{args.Item.CloudId}");
        }
    }
}
