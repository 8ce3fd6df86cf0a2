using Microsoft.AspNetCore.Components;
using Portal.Data.Events;

namespace Portal.Components.Shared;

/// <summary>
/// How a page follows what changes elsewhere, with no polling: put one inside it, say which events concern it, and
/// re-load what it shows in <see cref="OnChange"/>. Subscribes to the <see cref="ChangeFeed"/> when initialized and
/// unsubscribes when disposed; hands each event to the renderer's thread. Events that arrive while the page is still
/// handling one are coalesced: the page handles the latest once more afterwards, not each of a burst (a delete that
/// takes a hundred installations with it re-loads the page twice, not a hundred times).
/// </summary>
public sealed class LiveChanges : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private EventData? _pending;
    private bool _handling;

    [Inject]
    private ChangeFeed Feed { get; set; } = default!;

    /// <summary>Which published events the page shows something of. Called on the publisher's thread: keep it a pure test.</summary>
    [Parameter, EditorRequired]
    public Func<EventData, bool> Concerns { get; set; } = _ => false;

    [Parameter, EditorRequired]
    public EventCallback<EventData> OnChange { get; set; }

    protected override void OnInitialized() => _subscription = Feed.Subscribe(e => Concerns(e), e => InvokeAsync(() => HandleAsync(e)));

    public void Dispose() => _subscription?.Dispose();

    private async Task HandleAsync(EventData e)
    {
        _pending = e;
        if (_handling)
        {
            return;
        }

        _handling = true;
        try
        {
            while (_pending is { } next)
            {
                _pending = null;
                await OnChange.InvokeAsync(next);
            }
        }
        finally
        {
            _handling = false;
        }
    }
}
