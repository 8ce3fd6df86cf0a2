namespace Portal.Data.Caching;

/// <summary>
/// One data version for a whole request: every cached read the request makes (the token, then the integration) is
/// checked against the version its first read found, so that SQLite's <c>PRAGMA data_version</c> is read once per
/// request, not once per read. A request that starts after a commit reads the version anew, so a revoked token, a
/// deleted key or an uninstall is still refused on the very next request. A write by this process (the throttled
/// last-used write of a token or key, any write at all) ends the pin: the request's next read reads the version again,
/// and never serves a value its own write made stale.
/// </summary>
public static class DataVersionPin
{
    private static readonly AsyncLocal<Pin?> Active = new();

    /// <summary>
    /// Pins the version for the rest of the current async flow (the request) until the scope is disposed. Call it from
    /// an async method: the pin then never outlives that method, whatever the caller does.
    /// </summary>
    public static Scope Begin()
    {
        var previous = Active.Value;
        Active.Value = new Pin();
        return new Scope(previous);
    }

    internal static Pin? Current => Active.Value;

    public readonly struct Scope : IDisposable
    {
        private readonly Pin? _previous;

        internal Scope(Pin? previous) => _previous = previous;

        public void Dispose() => Active.Value = _previous;
    }

    /// <summary>The version a request read first, with whose count of this process's writes, and from which source.</summary>
    internal sealed class Pin
    {
        private object? _owner;

        /// <summary>When the request began (<see cref="System.Diagnostics.Stopwatch"/> ticks): a version read after it will do.</summary>
        public long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        /// <summary>False until the pin's first version is set.</summary>
        public bool HasOwner => _owner is not null;

        private long _writes;
        private long _version;

        public bool TryGet(object owner, long writes, out long version)
        {
            version = _version;
            return ReferenceEquals(_owner, owner) && _writes == writes;
        }

        public void Set(object owner, long writes, long version)
        {
            _owner = owner;
            _writes = writes;
            _version = version;
        }
    }
}
