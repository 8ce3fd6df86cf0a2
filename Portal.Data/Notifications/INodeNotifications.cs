namespace Portal.Data.Notifications;

/// <summary>
/// Messages between the nodes that share one database, by channel: the caches' invalidations and the change events of
/// pages. On PostgreSQL they are LISTEN/NOTIFY over one connection per node
/// (<see cref="PostgresNotificationListener"/>); on SQLite there is one node, and a message goes straight to this
/// process's subscribers (<see cref="InProcessNotifications"/>).
/// </summary>
public interface INodeNotifications
{
    /// <summary>True while a message sent by any node would reach this one.</summary>
    bool IsListening { get; }

    /// <summary>Raised when <see cref="IsListening"/> changes (true again after a reconnection).</summary>
    event Action<bool>? ListeningChanged;

    /// <summary>Calls <paramref name="handler"/> with the payload of every message on <paramref name="channel"/>.</summary>
    /// <param name="channel">Lower-case letters, digits and '_', at most 63 characters (a PostgreSQL identifier).</param>
    IDisposable Subscribe(string channel, Action<string> handler);

    /// <summary>Sends <paramref name="payload"/> (under 8000 bytes) to every node, this one included.</summary>
    Task PublishAsync(string channel, string payload, CancellationToken ct = default);
}
