using Portal.Data.Caching;
using Portal.Data.Notifications;

namespace Portal.Tests.Data;

/// <summary>The data version of PostgreSQL nodes: caches serve only while the node hears every change.</summary>
public sealed class NotifiedDataVersionTests
{
    [Fact]
    public void While_the_listener_is_disconnected_the_version_is_never_the_same_twice_so_nothing_is_served_from_a_cache()
    {
        var version = new NotifiedDataVersion(new FakeNotifications(listening: false));

        Assert.NotEqual(version.Current(), version.Current());
    }

    [Fact]
    public void While_listening_the_version_holds_until_a_change_is_notified_on_its_channel()
    {
        var notifications = new FakeNotifications(listening: true);
        var version = new NotifiedDataVersion(notifications);
        var before = version.Current();

        notifications.Send("another_channel", "integrations");
        Assert.Equal(before, version.Current());

        notifications.Send(NotifiedDataVersion.Channel, "api_tokens");
        Assert.NotEqual(before, version.Current());
    }

    [Fact]
    public void A_reconnection_makes_whatever_was_read_while_disconnected_stale()
    {
        var notifications = new FakeNotifications(listening: false);
        var version = new NotifiedDataVersion(notifications);
        var readWhileDeaf = version.Current();

        notifications.SetListening(true);

        var current = version.Current();
        Assert.NotEqual(readWhileDeaf, current);
        Assert.Equal(current, version.Current());
    }

    [Fact]
    public void A_lost_connection_stops_serving_what_was_read_while_listening()
    {
        var notifications = new FakeNotifications(listening: true);
        var version = new NotifiedDataVersion(notifications);
        var read = version.Current();

        notifications.SetListening(false);

        Assert.NotEqual(read, version.Current());
    }

    private sealed class FakeNotifications(bool listening) : INodeNotifications
    {
        private readonly List<(string Channel, Action<string> Handler)> _handlers = [];

        public bool IsListening { get; private set; } = listening;

        public event Action<bool>? ListeningChanged;

        public void SetListening(bool value)
        {
            IsListening = value;
            ListeningChanged?.Invoke(value);
        }

        public void Send(string channel, string payload)
        {
            foreach (var (c, handler) in _handlers.Where(h => h.Channel == channel))
            {
                handler(payload);
            }
        }

        public IDisposable Subscribe(string channel, Action<string> handler)
        {
            _handlers.Add((channel, handler));
            return new Nothing();
        }

        public Task PublishAsync(string channel, string payload, CancellationToken ct = default)
        {
            Send(channel, payload);
            return Task.CompletedTask;
        }

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
