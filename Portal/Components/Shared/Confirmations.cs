using MudBlazor;

namespace Portal.Components.Shared;

/// <summary>
/// The one way the portal asks before it destroys or discards something. The safe answer has the focus, so a
/// reflexive Enter keeps the data; Escape, the safe button or a click outside the dialog all answer no.
/// </summary>
public static class Confirmations
{
    /// <summary>Options for a dialog that asks before destroying (its actions' focus trap focuses Cancel).</summary>
    public static DialogOptions Options { get; } = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseOnEscapeKey = true,
    };

    /// <summary>True only when the user chose <paramref name="yesText"/>.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yesText, string cancelText = "Cancel")
    {
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(
            title,
            new DialogParameters<ConfirmDialog>
            {
                { d => d.Title, title },
                { d => d.Message, message },
                { d => d.YesText, yesText },
                { d => d.CancelText, cancelText },
            },
            Options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }
}
