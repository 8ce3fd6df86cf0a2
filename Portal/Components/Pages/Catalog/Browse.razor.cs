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

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync(1);

    private Task SearchChanged(string? search)
    {
        _search = search;
        return LoadAsync(1);
    }

    private Task PageChanged(int page) => LoadAsync(page);

    private async Task LoadAsync(int page)
    {
        var query = new IntegrationListQuery(PageRequest.Of(page, PageSize))
        {
            Search = _search,
            Sort = IntegrationSort.Name,
            Descending = false,
        };
        _page = await Integrations.ListCatalogAsync(await GetActorAsync(), query);
    }
}
