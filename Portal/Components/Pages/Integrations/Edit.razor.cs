using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;

namespace Portal.Components.Pages.Integrations;

/// <summary>
/// The one form for creating and editing an integration. The service validates; this page only shows its messages
/// under the fields, keeps what the user typed, and saves an edit only if nobody changed the integration meanwhile.
/// </summary>
public partial class Edit
{
    private static readonly string[] Fields = ["name", "url", "description"];

    private string _name = "", _url = "", _description = "";
    private (string Name, string Url, string Description) _baseline = ("", "", "");
    private IntegrationData? _seen;
    private Dictionary<string, List<string>> _errors = [];
    private ValidationError? _serverNameError;
    private bool _ready, _notFound, _conflict, _saving, _attempted, _leaving;
    private string? _failure;
    private string? _changedBy;
    private string? _loadedFor;

    [Parameter]
    public string? CloudId { get; set; }

    [Inject]
    private IntegrationService Integrations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool IsCreate => CloudId is null;

    private string Title => IsCreate ? "New integration" : $"Edit {_seen?.Name}";

    private string SubmitText => IsCreate ? "Create integration" : "Save changes";

    private string CancelHref => IsCreate ? "/integrations" : $"/integrations/{CloudId}";

    private bool IsDirty => !_leaving && (_name, _url, _description) != _baseline;

    private int DescriptionLength => IntegrationRules.CountCharacters(_description);

    protected override async Task OnParametersSetAsync()
    {
        // The router reuses this page between /integrations/new and an edit route: start afresh when the id changes.
        if (_ready && _loadedFor == CloudId)
        {
            return;
        }

        _loadedFor = CloudId;
        _notFound = false;
        _leaving = false;
        var actor = await GetActorAsync();
        if (IsTenant || IsCreate)
        {
            Load(null);
            _ready = true;
            return;
        }

        try
        {
            Load(await Integrations.GetAsync(actor, CloudId!));
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }

        _ready = true;
    }

    private void Load(IntegrationData? integration)
    {
        _seen = integration;
        _name = integration?.Name ?? "";
        _url = integration?.Url ?? "";
        _description = integration?.Description ?? "";
        _baseline = (_name, _url, _description);
        _errors = [];
        _serverNameError = null;
        _attempted = false;
        _conflict = false;
        _failure = null;
        _changedBy = null;
    }

    /// <summary>Someone else's change to this integration (another tab, a colleague, a script).</summary>
    private bool Concerns(EventData e) => IsOwn(e) && e.IntegrationId == CloudId && e.SubjectKind == EventSubjects.Integration;

    /// <summary>Never touches what the user typed: it says who changed it, and the user decides (Reload or Keep editing).</summary>
    private void ChangedElsewhere(EventData e)
    {
        if (_saving || _leaving)
        {
            return; // this form's own save
        }

        if (e.Kind == EventKinds.IntegrationDeleted)
        {
            _failure = $"This integration was deleted by {Events.EventText.Actor(e.Actor)} just now. Copy your text if you need it.";
            return;
        }

        _changedBy = Events.EventText.Actor(e.Actor);
    }

    private void KeepEditing() => _changedBy = null;

    private void NameChanged(string? value) => Changed(() => _name = value ?? "", "name");

    private void UrlChanged(string? value) => Changed(() => _url = value ?? "", "url");

    private void DescriptionChanged(string? value) => Changed(() => _description = value ?? "", "description");

    private void Changed(Action set, string field)
    {
        set();
        if (field == "name")
        {
            _serverNameError = null; // "taken" holds only for the name that was sent
        }

        // Before the first save, a field says nothing while the user types, except a description past its limit.
        var check = IntegrationRules.Check(IntegrationInput.FromForm(_name, _url, _description), IsCreate);
        _errors = check.Errors
            .Where(e => _attempted || (e.Attribute == "description" && e.Code == ValidationCodes.TooLong))
            .Append(_serverNameError)
            .OfType<ValidationError>()
            .GroupBy(e => e.Attribute)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorText(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        _attempted = true;
        _failure = null;
        try
        {
            var actor = await GetActorAsync();
            var input = IntegrationInput.FromForm(_name, _url, _description);
            var saved = IsCreate
                ? await Integrations.CreateAsync(actor, input)
                : await Integrations.UpdateAsync(actor, CloudId!, input, IfMatch.For(_seen!));
            _leaving = true;
            Snackbar.Add(IsCreate ? $"Created {saved.Name}" : $"Saved changes to {saved.Name}", Severity.Success);
            Navigation.NavigateTo($"/integrations/{saved.CloudId}");
        }
        catch (ValidationFailedException ex)
        {
            _serverNameError = ex.Errors.FirstOrDefault(e => e.Attribute == "name" && e.Code == ValidationCodes.Taken);
            _errors = ex.Errors.GroupBy(e => e.Attribute).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());
            var other = ex.Errors.Where(e => !Fields.Contains(e.Attribute)).Select(e => e.Message).ToList();
            _failure = other.Count > 0 ? string.Join(" ", other) : null;
        }
        catch (PreconditionFailedException)
        {
            _conflict = true;
        }
        catch (NotFoundException)
        {
            _failure = "This integration no longer exists: it was deleted elsewhere. Copy your text if you need it.";
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            Load(await Integrations.GetAsync(await GetActorAsync(), CloudId!));
            Snackbar.Add("Loaded the latest version", Severity.Info);
        }
        catch (NotFoundException)
        {
            _conflict = false;
            _failure = "This integration no longer exists: it was deleted elsewhere.";
        }
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (!IsDirty)
        {
            return;
        }

        var discard = await Dialogs.ConfirmAsync(
            "Discard unsaved changes?",
            "Your changes to this integration have not been saved. If you leave now, they are lost.",
            yesText: "Discard changes",
            cancelText: "Keep editing");
        if (!discard)
        {
            context.PreventNavigation();
        }
    }
}
