using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// Issue 11: the transport of change events between nodes, on a node (B) whose notifications the test controls,
/// beside the database's own services (node A): B reads the events it is told of, delivers each once and in order,
/// and after its listener was cut off it reads what it could not hear instead of missing it.
/// </summary>
public sealed class NotifiedChangeTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ControlledNotifications _notifications = new();
    private readonly Actor _acme = Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), "Ada");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_node_delivers_what_it_is_told_of_once_and_after_its_listener_was_cut_off_what_it_could_not_hear()
    {
        var before = await CreateAsync("Made before node B started");
        await using var transport = new NotifiedChangeTransport(_notifications, _db.Get<IDbContextFactory<PortalDbContext>>());
        using var feed = new ChangeFeed(transport);
        var received = new ConcurrentQueue<EventData>();
        using var _ = feed.Subscribe(e => e.OwnerId == _acme.UserId, e =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        });

        var told = await CreateAsync("Told of");
        await TellAsync(told.Id);
        await Wait.UntilAsync(() => received.Count == 1, Deadline);

        _notifications.SetListening(false);
        var missed1 = await CreateAsync("Committed while B could not hear");
        var missed2 = await CreateAsync("Also committed meanwhile");
        _notifications.SetListening(true);
        await Wait.UntilAsync(() => received.Count == 3, Deadline);

        var after = await CreateAsync("Told of after the reconnection");
        await TellAsync(missed1.Id, told.Id, after.Id); // told again of what it delivered: nothing twice
        await Wait.UntilAsync(() => received.Count >= 4, Deadline);
        _notifications.SetListening(false);
        _notifications.SetListening(true); // a second catch-up finds nothing new
        var last = await CreateAsync("Last");
        await TellAsync(last.Id);
        await Wait.UntilAsync(() => received.Count >= 5, Deadline);

        Assert.Equal([told.Id, missed1.Id, missed2.Id, after.Id, last.Id], received.Select(e => e.Id));
        Assert.DoesNotContain(received, e => e.Id == before.Id);
    }

    [Fact]
    public void A_long_list_of_ids_is_split_into_notifications_under_8000_bytes_that_name_every_id_once()
    {
        var ids = Enumerable.Range(0, 3_000).Select(i => 9_000_000_000_000_000L + i).ToList();
        var node = Guid.NewGuid().ToString("N");

        var payloads = NotifiedChangeTransport.Payloads(node, ids).ToList();

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        Assert.All(payloads, p => Assert.StartsWith(node + " ", p));
        Assert.Equal(ids, payloads.SelectMany(p => p[(node.Length + 1)..].Split(',')).Select(long.Parse));
    }

    private async Task<(long Id, string CloudId)> CreateAsync(string name)
    {
        var integration = await _db.Get<IntegrationService>().CreateAsync(
            _acme, new IntegrationInput(Field.Of(name), Field.Of("https://acme.com/p"), Field.Absent));
        await using var db = await _db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Events.Where(e => e.SubjectId == integration.CloudId).Select(e => e.Id).SingleAsync(), integration.CloudId);
    }

    /// <summary>What another node sends after its commit: its node id and the events' ids.</summary>
    private Task TellAsync(params long[] ids) =>
        _notifications.PublishAsync(NotifiedChangeTransport.Channel, "0123456789abcdef0123456789abcdef " + string.Join(",", ids));

    /// <summary>Notifications that arrive only while the test says the node listens.</summary>
    private sealed class ControlledNotifications : INodeNotifications
    {
        private readonly ConcurrentDictionary<object, (string Channel, Action<string> Handler)> _handlers = new();

        public bool IsListening { get; private set; } = true;

        public event Action<bool>? ListeningChanged;

        public void SetListening(bool listening)
        {
            IsListening = listening;
            ListeningChanged?.Invoke(listening);
        }

        public IDisposable Subscribe(string channel, Action<string> handler)
        {
            var key = new object();
            _handlers[key] = (channel, handler);
            return new Unsubscribe(() => _handlers.TryRemove(key, out var _));
        }

        public Task PublishAsync(string channel, string payload, CancellationToken ct = default)
        {
            if (IsListening)
            {
                foreach (var (c, handler) in _handlers.Values.Where(h => h.Channel == channel))
                {
                    handler(payload);
                }
            }

            return Task.CompletedTask;
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
