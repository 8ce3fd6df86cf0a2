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

    /// <summary>Waits until the page's circuit has rendered interactively at least once since it loaded.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => window.__portalE2E && window.__portalE2E.renders > 0");
}
