using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Sites;

namespace Portal.Components.Pages.Sites;

/// <summary>A tenant's farm sites: add, rename, remove (saying first what removing uninstalls).</summary>
public partial class FarmSites
{
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private readonly Dictionary<string, object> _tableAttributes = new() { ["aria-label"] = "Your farm sites" };
    private IReadOnlyList<SiteData>? _sites;
    private MudTextField<string>? _nameField;
    private string? _newName;
    private string? _nameError;
    private bool _busy;
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

    /// <summary>The tenant's own sites and installations, changed in another tab or by the cascade of a delete.</summary>
    private bool Concerns(Portal.Data.Events.EventData e) => _tenantId is not null && e.TenantUserId == _tenantId;

    private Task ChangedElsewhereAsync(Portal.Data.Events.EventData e) => LoadAsync();

    private string? _tenantId;

    private async Task LoadAsync()
    {
        var actor = await GetActorAsync();
        _tenantId = actor.UserId;
        _sites = await SiteService.ListAsync(actor);
    }

    private void NewNameChanged(string? value)
    {
        _newName = value;
        _nameError = null;
    }

    private async Task AddAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var site = await SiteService.AddAsync(await GetActorAsync(), _newName);
            _newName = null;
            _nameError = null;
            Snackbar.Add($"Added {site.Name}", Severity.Success);
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            _nameError = string.Join(" ", ex.Errors.Select(e => e.Message));
        }
        finally
        {
            _busy = false;
        }

        if (_nameError is not null && _nameField is not null)
        {
            await _nameField.FocusAsync();
        }
    }

    private async Task RenameAsync(SiteData site)
    {
        var dialog = await Dialogs.ShowAsync<RenameSiteDialog>(
            $"Rename {site.Name}",
            new DialogParameters<RenameSiteDialog>
            {
                { d => d.Site, site },
                { d => d.Actor, await GetActorAsync() },
            },
            DialogOptions);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: SiteData renamed })
        {
            Snackbar.Add($"Renamed {site.Name} to {renamed.Name}", Severity.Success);
        }

        await LoadAsync();
    }

    private async Task RemoveAsync(SiteData site)
    {
        var actor = await GetActorAsync();
        var installed = site.InstallationCount == 0
            ? []
            : (await Installations.ListForTenantAsync(actor))
                .Where(i => i.Site.CloudId == site.CloudId)
                .Select(i => i.IntegrationName)
                .Order(StringComparer.CurrentCultureIgnoreCase)
                .ToList();
        var dialog = await Dialogs.ShowAsync<RemoveSiteDialog>(
            $"Remove {site.Name}?",
            new DialogParameters<RemoveSiteDialog>
            {
                { d => d.SiteName, site.Name },
                { d => d.Uninstalls, installed },
            },
            Confirmations.Options); // Cancel focused: a reflexive Enter keeps the site
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        try
        {
            await SiteService.RemoveAsync(actor, site.CloudId);
            Snackbar.Add(installed.Count == 0 ? $"Removed {site.Name}" : $"Removed {site.Name} and uninstalled {CountText(installed.Count)}", Severity.Success);
        }
        catch (NotFoundException)
        {
            Snackbar.Add($"{site.Name} was already removed elsewhere.", Severity.Info);
        }

        await LoadAsync();
    }

    internal static string CountText(int count) => count == 1 ? "1 integration" : $"{count:N0} integrations";
}
