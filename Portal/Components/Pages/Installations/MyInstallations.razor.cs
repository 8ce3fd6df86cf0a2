using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Sites;

namespace Portal.Components.Pages.Installations;

/// <summary>A tenant's installations, site by site, each with Uninstall behind a confirmation.</summary>
public partial class MyInstallations
{
    private IReadOnlyList<SiteData>? _sites;
    private IReadOnlyList<TenantInstallationData> _installations = [];
    private TimeZoneInfo? _zone;

    [Inject]
    private SiteService SiteService { get; set; } = default!;

    [Inject]
    private InstallationService Installations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _zone = await BrowserTimeZone.ReadAsync(JS);
            if (_zone is not null)
            {
                StateHasChanged();
            }
        }
    }

    /// <summary>The tenant's own installations and sites, and the integrations' names (an integrator may rename one).</summary>
    private bool Concerns(Portal.Data.Events.EventData e) =>
        (_tenantId is not null && e.TenantUserId == _tenantId) || e.Kind == Portal.Data.Events.EventKinds.IntegrationUpdated;

    private Task ChangedElsewhereAsync(Portal.Data.Events.EventData e) => LoadAsync();

    private string? _tenantId;

    private async Task LoadAsync()
    {
        var actor = await GetActorAsync();
        _tenantId = actor.UserId;
        _installations = await Installations.ListForTenantAsync(actor); // by site, then oldest first
        _sites = await SiteService.ListAsync(actor);
    }

    private async Task UninstallAsync(TenantInstallationData installation)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Uninstall {installation.IntegrationName} from {installation.Site.Name}?",
            $"The integrator of {installation.IntegrationName} loses access to the data of {installation.Site.Name} at once, " +
                "and its access keys for this site stop working. You can install it again later from the catalog.",
            "Uninstall");
        if (!confirmed)
        {
            return;
        }

        try
        {
            await Installations.UninstallAsync(await GetActorAsync(), installation.CloudId);
            Snackbar.Add($"Uninstalled {installation.IntegrationName} from {installation.Site.Name}", Severity.Success);
        }
        catch (NotFoundException)
        {
            Snackbar.Add($"{installation.IntegrationName} was already uninstalled from {installation.Site.Name}.", Severity.Info);
        }

        await LoadAsync();
    }
}
