using System.Collections.Concurrent;

namespace Portal.Data.Caching;

/// <summary>
/// A service's cache of what it has read, each value stamped with the <see cref="IDataVersion"/> it was read under and
/// served only while that version is current: any commit to the database, by anyone, makes every entry stale. Keys
/// carry the caller's identity (owner, token hash), so one caller never gets another's value. Failures and "not found"
/// are never cached. Bounded: when full, it starts again empty.
/// </summary>
internal sealed class ReadCache<TKey, TValue>(IDataVersion version, int capacity)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public async Task<TValue> GetOrLoadAsync(TKey key, Func<CancellationToken, Task<TValue>> load, CancellationToken ct) =>
        (await GetOrLoadOrNullAsync(key, async c => await load(c), ct))!;

    /// <summary>As <see cref="GetOrLoadAsync"/>, for a load that may find nothing (null, which is not cached).</summary>
    public async Task<TValue?> GetOrLoadOrNullAsync(TKey key, Func<CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        // The version is read before the database, so a change committed during the load leaves the entry stale.
        var current = version.Current();
        if (_entries.TryGetValue(key, out var entry) && entry.Version == current)
        {
            return entry.Value;
        }

        var value = await load(ct);
        if (value is null)
        {
            _entries.TryRemove(key, out _);
            return null;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(current, value);
        return value;
    }

    /// <summary>For tests: how many entries are held (stale or not).</summary>
    internal int Count => _entries.Count;

    private sealed record Entry(long Version, TValue Value);
}
