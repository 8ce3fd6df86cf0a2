namespace Portal.E2E.Support;

/// <summary>
/// Knows when a Blazor Server page is interactive. Until the circuit has applied its first render, the page is
/// only prerendered HTML: clicks and typing go nowhere. The init script watches the page's /_blazor WebSocket and
/// notes when the browser acknowledges a render batch ("OnRenderCompleted"), i.e. event handlers are attached.
/// </summary>
public static class BlazorCircuit
{
    public const string InitScript = """
        (() => {
          window.__portalE2E = { renders: 0 };
          const NativeSocket = window.WebSocket;
          const send = NativeSocket.prototype.send;
          NativeSocket.prototype.send = function (data) {
            try {
              if (this.url && this.url.includes('/_blazor')) {
                let text = '';
                if (typeof data === 'string') text = data;
                else if (data instanceof ArrayBuffer) text = new TextDecoder('latin1').decode(new Uint8Array(data));
                else if (ArrayBuffer.isView(data)) text = new TextDecoder('latin1').decode(data);
                if (text.includes('OnRenderCompleted')) window.__portalE2E.renders++;
              }
            } catch { }
            return send.call(this, data);
          };
        })();
        """;

    /// <summary>
    /// Waits until the circuit has rendered the page itself interactively since it loaded. The first render batch
    /// may be another root component's (the head outlet): only once the layout's <c>main</c> carries
    /// <c>data-interactive</c> are the page's own handlers attached. Until then a key press in a form would submit the
    /// prerendered HTML natively.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.WaitForFunctionAsync(
            "() => window.__portalE2E && window.__portalE2E.renders > 0 && document.querySelector('main[data-interactive=\"true\"]') !== null");
}

/// <summary>Keyboard steps that depend on handlers MudBlazor attaches a moment after a component shows.</summary>
public static class MudKeyboard
{
    /// <summary>
    /// Presses Escape until <paramref name="dialog"/> closes. MudBlazor connects a dialog's key handler (Escape
    /// closes) in its first after-render, a moment after the dialog is visible; on a loaded machine a key pressed in
    /// that moment goes nowhere, so the key is pressed again until the dialog responds (or the usual timeout).
    /// </summary>
    public static async Task CloseWithEscapeAsync(this ILocator dialog)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await dialog.Page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(dialog).ToBeHiddenAsync(new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // not connected yet: press again
            }
        }
    }
}
