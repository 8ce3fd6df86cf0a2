using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Paging;

namespace Portal.Components.Pages.Integrations;

public partial class InstallationsSection
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly Dictionary<string, object> _tableAttributes = new() { ["aria-label"] = "Installations" };
    private MudTable<InstallationData>? _table;
    private string? _search;
    private bool _hasNone;
    private bool _busy;
    private bool _gone;

    [Parameter, EditorRequired]
    public string IntegrationId { get; set; } = "";

    [Parameter, EditorRequired]
    public string IntegrationName { get; set; } = "";

    /// <summary>The browser's time zone, as the detail page read it; null shows UTC.</summary>
    [Parameter]
    public TimeZoneInfo? TimeZone { get; set; }

    [Inject]
    private InstallationService Installations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<TableData<InstallationData>> LoadPageAsync(TableState state, CancellationToken ct)
    {
        var query = new InstallationListQuery(PageRequest.Of(state.Page + 1, state.PageSize)) { Search = _search };
        Page<InstallationData> page;
        try
        {
            page = await Installations.ListForIntegrationAsync(await GetActorAsync(), IntegrationId, query, ct);
        }
        catch (NotFoundException)
        {
            _gone = true; // deleted elsewhere since the page was opened
            StateHasChanged();
            return new TableData<InstallationData> { Items = [], TotalItems = 0 };
        }

        if (page.Meta.Total == 0 && string.IsNullOrWhiteSpace(_search))
        {
            _hasNone = true;
            StateHasChanged();
        }

        return new TableData<InstallationData> { Items = page.Data, TotalItems = page.Meta.Total };
    }

    private async Task SearchChanged(string? search)
    {
        _search = search;
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

    /// <summary>Installs, uninstalls and keys of this integration, wherever they were made, re-load the table.</summary>
    private bool Concerns(EventData e) =>
        IsOwn(e) && e.IntegrationId == IntegrationId && e.SubjectKind is EventSubjects.Installation or EventSubjects.AccessKey;

    private Task ChangedElsewhereAsync(EventData e) => _gone || _busy ? Task.CompletedTask : ReloadAsync(); // busy: this section's own change, which reloads itself

    private async Task ReloadAsync()
    {
        if (_hasNone)
        {
            _hasNone = false; // the table renders and loads afresh
            StateHasChanged();
        }
        else if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task InstallOnTestSiteAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var installation = await Installations.InstallOnTestSiteAsync(await GetActorAsync(), IntegrationId);
            Snackbar.Add($"{IntegrationName} is installed on your test site. Create an access key to call the API.", Severity.Success);
            await ReloadAsync();
            await OpenKeysAsync(installation);
        }
        catch (NotFoundException)
        {
            _gone = true;
        }
        catch (ValidationFailedException ex)
        {
            Snackbar.Add(string.Join(" ", ex.Errors.Select(e => e.Message)), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenKeysAsync(InstallationData installation)
    {
        var dialog = await Dialogs.ShowAsync<AccessKeysDialog>(
            "Access keys",
            new DialogParameters<AccessKeysDialog>
            {
                { d => d.Actor, await GetActorAsync() },
                { d => d.Installation, installation },
                { d => d.TimeZone, TimeZone },
            },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
    }

    private async Task RemoveTestAsync(InstallationData installation)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Remove {IntegrationName} from your test site?",
            "Its access keys for the test site stop working at once. You can install it on your test site again at any time.",
            "Remove from test site");
        if (!confirmed)
        {
            return;
        }

        _busy = true;
        try
        {
            await Installations.UninstallFromTestSiteAsync(await GetActorAsync(), installation.CloudId);
            Snackbar.Add($"Removed {IntegrationName} from your test site", Severity.Success);
        }
        catch (NotFoundException)
        {
            Snackbar.Add("It was already removed from your test site.", Severity.Info);
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
    }
}
