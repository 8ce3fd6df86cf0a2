using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;

namespace Portal.Components.Pages.Integrations;

public partial class Detail
{
    private IntegrationData? _integration;
    private IReadOnlyList<ApiSnippets.Operation> _snippets = [];
    private bool _notFound;
    private string? _deleted;
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

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>The integration's own events (an edit in another tab, a script's PATCH or DELETE) re-load its attributes.</summary>
    private bool Concerns(EventData e) => IsOwn(e) && e.IntegrationId == CloudId && e.SubjectKind == EventSubjects.Integration;

    private Task ChangedElsewhereAsync(EventData e)
    {
        if (e.Kind == EventKinds.IntegrationDeleted)
        {
            _deleted = $"{e.IntegrationName} was deleted by {Events.EventText.Actor(e.Actor)} just now, with its installations and their access keys.";
            _integration = null;
            return Task.CompletedTask;
        }

        return LoadAsync();
    }

    private async Task LoadAsync()
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
