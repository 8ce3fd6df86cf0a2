using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Data.Events;

/// <summary>
/// How committed events travel to whoever listens. In one process they are handed over in memory
/// (<see cref="InProcessChangeTransport"/>); between portal nodes a transport over the database (PostgreSQL's
/// LISTEN/NOTIFY) takes its place, and nothing else changes.
/// </summary>
public interface IChangeTransport
{
    /// <summary>Sends committed events to every receiver, on this node and (for a shared transport) on the others.</summary>
    void Send(IReadOnlyList<EventData> events);

    /// <summary>Starts delivering what any node sends to <paramref name="receiver"/>.</summary>
    IDisposable Receive(Action<EventData> receiver);
}

/// <summary>Events within one process: each sent event is handed to the receivers at once, in order.</summary>
public sealed class InProcessChangeTransport : IChangeTransport
{
    private readonly Lock _lock = new();
    private Action<EventData>[] _receivers = [];

    public void Send(IReadOnlyList<EventData> events)
    {
        var receivers = _receivers;
        foreach (var e in events)
        {
            foreach (var receiver in receivers)
            {
                receiver(e);
            }
        }
    }

    public IDisposable Receive(Action<EventData> receiver)
    {
        lock (_lock)
        {
            _receivers = [.. _receivers, receiver];
        }

        return new Unsubscriber(() =>
        {
            lock (_lock)
            {
                _receivers = _receivers.Where(r => r != receiver).ToArray();
            }
        });
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

/// <summary>
/// The one publisher of committed changes. Services hand it their events after the commit; open pages (and later
/// webhooks) subscribe with the events that concern them. A subscriber's failure is logged and never reaches the
/// service that published, nor the other subscribers.
/// </summary>
public sealed class ChangeFeed : IDisposable
{
    private readonly IChangeTransport _transport;
    private readonly ILogger<ChangeFeed> _logger;
    private readonly IDisposable _receiving;
    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    public ChangeFeed(IChangeTransport transport, ILogger<ChangeFeed>? logger = null)
    {
        _transport = transport;
        _logger = logger ?? NullLogger<ChangeFeed>.Instance;
        _receiving = transport.Receive(Deliver);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every published event that <paramref name="concerns"/> accepts, until the
    /// returned subscription is disposed. The handler runs on the publisher's thread: marshal to your own (a Blazor
    /// component's InvokeAsync) and return quickly.
    /// </summary>
    public IDisposable Subscribe(Func<EventData, bool> concerns, Func<EventData, Task> handler)
    {
        var subscription = new Subscription(concerns, handler, this);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    internal void Publish(IReadOnlyList<ChangeEvent> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            _transport.Send(committed.Select(EventBatch.ToData).ToList());
        }
        catch (Exception ex)
        {
            // The change is committed whatever happens here; open pages will catch up at their next load.
            _logger.LogError(ex, "Publishing {Count} committed events failed.", committed.Count);
        }
    }

    public void Dispose() => _receiving.Dispose();

    private void Deliver(EventData e)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(e);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    private sealed class Subscription(Func<EventData, bool> concerns, Func<EventData, Task> handler, ChangeFeed feed) : IDisposable
    {
        private volatile bool _disposed;

        public void Offer(EventData e)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (concerns(e))
                {
                    _ = Observe(handler(e));
                }
            }
            catch (Exception ex)
            {
                feed._logger.LogWarning(ex, "A subscriber to the change feed failed on event {EventId}.", e.Id);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            feed.Remove(this);
        }

        private async Task Observe(Task running)
        {
            try
            {
                await running;
            }
            catch (Exception ex)
            {
                feed._logger.LogWarning(ex, "A subscriber to the change feed failed.");
            }
        }
    }
}
