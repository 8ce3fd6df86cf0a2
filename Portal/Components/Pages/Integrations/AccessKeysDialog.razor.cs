using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Paging;

namespace Portal.Components.Pages.Integrations;

public partial class AccessKeysDialog
{
    /// <summary>Keys shown at once; an installation rarely has more than a handful.</summary>
    public const int Shown = 100;

    private readonly Dictionary<string, object> _tableAttributes = new() { ["aria-label"] = "Access keys" };
    private Page<AccessKeyData>? _keys;
    private CreatedAccessKey? _created;
    private ApiSnippets.Snippet? _tryIt;
    private string? _failure;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Parameter, EditorRequired]
    public InstallationData Installation { get; set; } = default!;

    [Parameter]
    public TimeZoneInfo? TimeZone { get; set; }

    [Inject]
    private AccessKeyService AccessKeys { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _keys = await AccessKeys.ListAsync(Actor, Installation.CloudId, PageRequest.Of(1, Shown));
        }
        catch (NotFoundException)
        {
            _keys = new Page<AccessKeyData>([], PageMeta.For(PageRequest.Of(1, Shown), 0, 0));
            _failure = "This installation no longer exists: it was uninstalled. Its keys no longer work.";
        }
    }

    private async Task CreateAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _failure = null;
        try
        {
            _created = await AccessKeys.CreateAsync(Actor, Installation.CloudId);
            _tryIt = ApiSnippets.CurrentInstallation(Navigation.BaseUri, _created.Secret);
            await LoadAsync();
        }
        catch (NotFoundException)
        {
            _created = null;
            _failure = "This installation no longer exists: it was uninstalled, so it cannot have keys.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(AccessKeyData key)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Delete the key ending {LastFour(key)}?",
            "Scripts that use it are refused from their next request. This cannot be undone.",
            "Delete key");
        if (!confirmed)
        {
            return;
        }

        try
        {
            await AccessKeys.DeleteAsync(Actor, key.Id.ToString());
            Snackbar.Add($"Deleted the key ending {LastFour(key)}", Severity.Success);
        }
        catch (NotFoundException)
        {
            Snackbar.Add("That key was already deleted.", Severity.Info);
        }

        if (_created?.Key.Id == key.Id)
        {
            _created = null;
            _tryIt = null;
        }

        await LoadAsync();
    }

    private static string LastFour(AccessKeyData key) => key.AccessKey[^4..];

    private void Close() => Dialog.Close();
}
