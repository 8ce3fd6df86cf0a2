using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Components.Pages.Integrations;

public partial class Detail
{
    private IntegrationData? _integration;
    private IReadOnlyList<ApiSnippets.Operation> _snippets = [];
    private bool _notFound;
    private TimeZoneInfo? _zone;

    [Parameter]
    public string CloudId { get; set; } = "";

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var actor = await GetActorAsync();
        if (IsTenant)
        {
            return;
        }

        try
        {
            _integration = await Integrations.GetAsync(actor, CloudId);
            _snippets = ApiSnippets.For(Navigation.BaseUri, _integration);
            _notFound = false;
        }
        catch (NotFoundException)
        {
            _integration = null;
            _notFound = true;
        }
    }

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

    private async Task DeleteAsync()
    {
        var integration = _integration!;
        var actor = await GetActorAsync();
        try
        {
            var installations = await Integrations.CountInstallationsAsync(actor, integration.CloudId);
            var dialog = await Dialogs.ShowAsync<DeleteIntegrationDialog>(
                $"Delete {integration.Name}?",
                new DialogParameters<DeleteIntegrationDialog>
                {
                    { d => d.Name, integration.Name },
                    { d => d.InstallationCount, installations },
                },
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
            var result = await dialog.Result;
            if (result is null || result.Canceled)
            {
                return;
            }

            await Integrations.DeleteAsync(actor, integration.CloudId);
            Snackbar.Add($"Deleted {integration.Name}", Severity.Success);
        }
        catch (NotFoundException)
        {
            Snackbar.Add($"{integration.Name} was already deleted elsewhere.", Severity.Info);
        }

        Navigation.NavigateTo("/integrations");
    }
}
