using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Portal.Data.Notifications;

/// <summary>Who listens to which channel, and handing each message to them; shared by both kinds of notifications.</summary>
internal sealed partial class Subscriptions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<object, Action<string>>> _byChannel = new(StringComparer.Ordinal);

    public ICollection<string> Channels => _byChannel.Keys;

    /// <summary>Adds a handler; true when the channel is new (and must be listened to).</summary>
    public (IDisposable Subscription, bool NewChannel) Add(string channel, Action<string> handler)
    {
        if (!ChannelName().IsMatch(channel))
        {
            throw new ArgumentException($"\"{channel}\" is not a channel name (lower-case letters, digits, '_').", nameof(channel));
        }

        var isNew = false;
        var handlers = _byChannel.GetOrAdd(channel, _ =>
        {
            isNew = true;
            return new ConcurrentDictionary<object, Action<string>>();
        });
        var key = new object();
        handlers[key] = handler;
        return (new Unsubscribe(() => handlers.TryRemove(key, out _)), isNew);
    }

    public void Dispatch(string channel, string payload)
    {
        if (!_byChannel.TryGetValue(channel, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            handler(payload);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelName();

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>One node on SQLite: a message goes to this process's subscribers, and nothing is ever missed.</summary>
internal sealed class InProcessNotifications : INodeNotifications
{
    private readonly Subscriptions _subscriptions = new();

    public bool IsListening => true;

    public event Action<bool>? ListeningChanged
    {
        add { }
        remove { }
    }

    public IDisposable Subscribe(string channel, Action<string> handler) => _subscriptions.Add(channel, handler).Subscription;

    public Task PublishAsync(string channel, string payload, CancellationToken ct = default)
    {
        _subscriptions.Dispatch(channel, payload);
        return Task.CompletedTask;
    }
}
