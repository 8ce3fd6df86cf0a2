using Microsoft.AspNetCore.Components;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Components.Pages.Catalog;

public partial class Browse
{
    /// <summary>Cards per page: fills three columns evenly.</summary>
    public const int PageSize = 12;

    private Page<IntegrationData>? _page;
    private string? _search;
    private int _pageNumber = 1;

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync(1);

    private Task SearchChanged(string? search)
    {
        _search = search;
        return LoadAsync(1);
    }

    private Task PageChanged(int page) => LoadAsync(page);

    /// <summary>Any integrator's create, edit or delete changes what the catalog shows.</summary>
    private static bool Concerns(Portal.Data.Events.EventData e) => e.SubjectKind == Portal.Data.Events.EventSubjects.Integration;

    private Task ChangedElsewhereAsync(Portal.Data.Events.EventData e) => LoadAsync(_pageNumber);

    private async Task LoadAsync(int page)
    {
        _pageNumber = page;
        var query = new IntegrationListQuery(PageRequest.Of(page, PageSize))
        {
            Search = _search,
            Sort = IntegrationSort.Name,
            Descending = false,
        };
        _page = await Integrations.ListCatalogAsync(await GetActorAsync(), query);
    }
}
