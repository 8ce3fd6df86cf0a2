using Portal.Data.Notifications;

namespace Portal.Data.Caching;

/// <summary>
/// The data version on PostgreSQL, where many nodes share the database: every statement that changes a table sends a
/// notification on <see cref="Channel"/> (a trigger from the migration), and each node's one listener connection
/// bumps this node's version when it arrives, whichever node, command or psql session committed. This node's own
/// writes bump it at once too (<see cref="Changed"/>), so a node always reads its own writes. While the listener is
/// not connected no notification can arrive, so the version is never the same twice: nothing is served from a cache,
/// every read goes to the database, until the listener is back (and the reconnection itself bumps the version).
/// </summary>
internal sealed class NotifiedDataVersion : IDataVersion
{
    /// <summary>The channel the tables' triggers notify (the payload is the table's name).</summary>
    public const string Channel = "portal_data";

    private long _version;
    private volatile bool _listening;

    public NotifiedDataVersion(INodeNotifications notifications)
    {
        notifications.ListeningChanged += listening =>
        {
            if (listening)
            {
                Changed(); // whatever was read while deaf is stale from now on
            }

            _listening = listening;
        };
        notifications.Subscribe(Channel, _ => Changed());
        _listening = notifications.IsListening;
        Changed();
    }

    public long Current() => _listening ? Interlocked.Read(ref _version) : Interlocked.Increment(ref _version);

    /// <summary>Something changed (a notification, or a write of this node): every entry read before is stale.</summary>
    public void Changed() => Interlocked.Increment(ref _version);
}
