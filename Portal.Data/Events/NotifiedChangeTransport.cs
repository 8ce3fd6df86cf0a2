using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data.Notifications;

namespace Portal.Data.Events;

/// <summary>
/// Change events between the nodes that share one database (PostgreSQL). A node hands its own committed events to its
/// own subscribers at once, in order, as <see cref="InProcessChangeTransport"/> does, then tells the other nodes their
/// ids on <see cref="Channel"/> ("node-id id,id,…": no event's content, so nothing secret and never near the 8000
/// bytes a notification may carry). The other nodes read those rows from the database and deliver them, in id order,
/// from one loop. Every event is delivered at most once per node (a sender ignores its own notifications, and a
/// node remembers the ids it delivered). While a node's listener is cut off it cannot hear anything; when it is back
/// the node reads every event after (a margin before) the last it saw and delivers those it has not, so open pages
/// catch up instead of silently missing what changed meanwhile.
/// </summary>
internal sealed class NotifiedChangeTransport : IChangeTransport, IAsyncDisposable, IDisposable
{
    /// <summary>The channel of the events' ids.</summary>
    public const string Channel = "portal_events";

    /// <summary>A payload stays below PostgreSQL's 8000 bytes.</summary>
    internal const int MaxPayloadBytes = 7_900;

    /// <summary>
    /// How far before the last id seen a catch-up reads: ids are taken at insert, so a transaction that began earlier
    /// may commit a smaller id after a larger one was delivered.
    /// </summary>
    private const int CatchUpMargin = 1_000;

    private const int CatchUpLimit = 5_000;

    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly INodeNotifications _notifications;
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly ILogger _logger;
    private readonly InProcessChangeTransport _local = new();
    private readonly DeliveredIds _delivered = new(capacity: 20_000);
    private readonly Channel<string> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly Channel<long[]?> _incoming = System.Threading.Channels.Channel.CreateUnbounded<long[]?>(new() { SingleReader = true }); // null: catch up
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _sending;
    private readonly Task _receiving;
    private long _lastSeen;
    private int _baseline; // 1 once the last id in the database at start is known
    private long _history; // that id: what came before this node started is history, never news
    private volatile bool _missedSome;
    private int _disposed;

    public NotifiedChangeTransport(INodeNotifications notifications, IDbContextFactory<PortalDbContext> dbFactory, ILogger<NotifiedChangeTransport>? logger = null)
    {
        _notifications = notifications;
        _dbFactory = dbFactory;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        notifications.ListeningChanged += OnListeningChanged;
        _subscription = notifications.Subscribe(Channel, OnNotification);
        _sending = Task.Run(() => SendLoopAsync(_stop.Token));
        _receiving = Task.Run(() => ReceiveLoopAsync(_stop.Token));
        if (notifications.IsListening)
        {
            _incoming.Writer.TryWrite(null);
        }
    }

    public void Send(IReadOnlyList<EventData> events)
    {
        var fresh = events.Where(e => _delivered.Add(e.Id)).ToList();
        foreach (var e in fresh)
        {
            Seen(e.Id);
        }

        _local.Send(fresh);
        foreach (var payload in Payloads(_node, events.Select(e => e.Id)))
        {
            _outgoing.Writer.TryWrite(payload);
        }
    }

    public IDisposable Receive(Action<EventData> receiver) => _local.Receive(receiver);

    /// <summary>"node id,id,…", split so that each payload stays under <see cref="MaxPayloadBytes"/>.</summary>
    internal static IEnumerable<string> Payloads(string node, IEnumerable<long> ids)
    {
        var payload = new StringBuilder();
        foreach (var id in ids)
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            if (payload.Length > 0 && payload.Length + 1 + text.Length > MaxPayloadBytes)
            {
                yield return payload.ToString();
                payload.Clear();
            }

            payload.Append(payload.Length == 0 ? node + " " : ",").Append(text);
        }

        if (payload.Length > 0)
        {
            yield return payload.ToString();
        }
    }

    private void OnNotification(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || payload.AsSpan(0, space).SequenceEqual(_node))
        {
            return; // this node's own events were delivered when it sent them
        }

        var ids = new List<long>();
        foreach (var part in payload[(space + 1)..].Split(','))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count > 0)
        {
            _incoming.Writer.TryWrite([.. ids]);
        }
    }

    private void OnListeningChanged(bool listening)
    {
        if (!listening)
        {
            _missedSome = true;
        }
        else
        {
            _incoming.Writer.TryWrite(null); // read what was committed while this node could not hear
        }
    }

    private async Task SendLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var payload in _outgoing.Reader.ReadAllAsync(stop))
            {
                await WithRetriesAsync(ct => _notifications.PublishAsync(Channel, payload, ct), "telling the other nodes of events", onGiveUp: null, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var ids in _incoming.Reader.ReadAllAsync(stop))
            {
                // Given up: the database is away, so the listener is cut off too, and its reconnection catches up.
                await WithRetriesAsync(ct => ids is null ? CatchUpAsync(ct) : DeliverAsync(ids, ct), "reading other nodes' events", () => _missedSome = true, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(long[] ids, CancellationToken ct)
    {
        var wanted = ids.Where(id => !_delivered.Contains(id)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Events.AsNoTracking().Where(e => wanted.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        Deliver(rows);
    }

    /// <summary>
    /// At start: notes the last event's id (what came before is history, not news). After the listener was cut off:
    /// delivers every event after a margin before the last one seen that this node has not delivered.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (Volatile.Read(ref _baseline) == 0 && Interlocked.Read(ref _lastSeen) == 0)
        {
            var last = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            Interlocked.Exchange(ref _history, last);
            Seen(last);
            Volatile.Write(ref _baseline, 1);
            _missedSome = false; // before the first id is known there is no "after" to catch up on
            return;
        }

        Volatile.Write(ref _baseline, 1);
        if (!_missedSome)
        {
            return;
        }

        _missedSome = false;
        var from = Math.Max(Interlocked.Read(ref _history), Interlocked.Read(ref _lastSeen) - CatchUpMargin);
        var rows = await db.Events.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Take(CatchUpLimit).ToListAsync(ct);
        Deliver(rows.Where(e => !_delivered.Contains(e.Id)).ToList());
    }

    private void Deliver(IReadOnlyList<ChangeEvent> rows)
    {
        var fresh = rows.Where(e => _delivered.Add(e.Id)).Select(EventBatch.ToData).ToList();
        foreach (var e in fresh)
        {
            Seen(e.Id);
        }

        _local.Send(fresh);
    }

    private void Seen(long id)
    {
        var current = Interlocked.Read(ref _lastSeen);
        while (id > current)
        {
            var previous = Interlocked.CompareExchange(ref _lastSeen, id, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }

    private async Task WithRetriesAsync(Func<CancellationToken, Task> action, string what, Action? onGiveUp, CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await action(stop);
                return;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                if (attempt >= Retries.Length)
                {
                    onGiveUp?.Invoke();
                    _logger.LogWarning(ex, "Gave up {What} after {Attempts} attempts.", what, attempt + 1);
                    return;
                }

                await Task.Delay(Retries[attempt], stop);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _notifications.ListeningChanged -= OnListeningChanged;
        _subscription.Dispose();
        _outgoing.Writer.TryComplete();
        _incoming.Writer.TryComplete();
        await _stop.CancelAsync();
        await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The ids delivered on this node, the most recent <c>capacity</c> of them.</summary>
    private sealed class DeliveredIds(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<long> _ids = [];
        private readonly Queue<long> _order = new();

        /// <summary>True the first time an id is added.</summary>
        public bool Add(long id)
        {
            lock (_lock)
            {
                if (!_ids.Add(id))
                {
                    return false;
                }

                _order.Enqueue(id);
                if (_order.Count > capacity)
                {
                    _ids.Remove(_order.Dequeue());
                }

                return true;
            }
        }

        public bool Contains(long id)
        {
            lock (_lock)
            {
                return _ids.Contains(id);
            }
        }
    }
}
