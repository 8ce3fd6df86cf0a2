using System.Collections.Concurrent;

namespace Portal.Data.Caching;

/// <summary>
/// A service's cache of what it has read, each value stamped with the <see cref="IDataVersion"/> it was read under and
/// served only while that version is current: any commit to the database, by anyone, makes every entry stale. Keys
/// carry the caller's identity (owner, token hash), so one caller never gets another's value. Failures and "not found"
/// are never kept. Bounded: when full, it starts again empty.
/// </summary>
/// <remarks>
/// Callers that miss the same key under the same version share one load (the first caller's) instead of each running
/// the query: after a commit makes every entry stale, 32 concurrent requests for a page of 100,000 rows would
/// otherwise count and skip those rows 32 times at once. A caller that joins a load which fails (or is cancelled by
/// its first caller) loads for itself, so no caller ever gets another's failure.
/// </remarks>
internal sealed class ReadCache<TKey, TValue>(IDataVersion version, int capacity)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public Task<TValue> GetOrLoadAsync(TKey key, Func<CancellationToken, Task<TValue>> load, CancellationToken ct) =>
        GetOrLoadAsync(key, load, static (load, c) => load(c), ct);

    /// <summary>As <see cref="GetOrLoadOrNullAsync"/>, for a load that always finds its value.</summary>
    public Task<TValue> GetOrLoadAsync<TState>(TKey key, TState state, Func<TState, CancellationToken, Task<TValue>> load, CancellationToken ct) =>
        GetOrLoadOrNullAsync(key, state, load!, ct)!; // the same tasks: TValue is a reference type either way

    /// <summary>As <see cref="GetOrLoadOrNullAsync"/> with a load that needs no state.</summary>
    public Task<TValue?> GetOrLoadOrNullAsync(TKey key, Func<CancellationToken, Task<TValue?>> load, CancellationToken ct) =>
        GetOrLoadOrNullAsync(key, load, static (load, c) => load(c), ct);

    /// <summary>
    /// The key's value: the current one kept, or what <paramref name="load"/> (given <paramref name="state"/>) finds,
    /// which is kept unless it is null. A current value is handed out as the very task that loaded it, so a hit makes
    /// nothing: with a static load and a struct state, no closure, no delegate and no task per call.
    /// </summary>
    public Task<TValue?> GetOrLoadOrNullAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        // The version is read before the database, so a change committed during the load leaves the entry stale.
        var current = version.Current();
        return _entries.TryGetValue(key, out var entry) && entry.Version == current && entry.Load.IsCompletedSuccessfully
            ? entry.Load
            : LoadOrJoinAsync(key, current, state, load, ct);
    }

    private async Task<TValue?> LoadOrJoinAsync<TState>(
        TKey key, long current, TState state, Func<TState, CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        Entry? mine = null;
        while (true)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Version == current)
                {
                    if (entry.Load.IsCompletedSuccessfully)
                    {
                        return entry.Load.Result;
                    }

                    try
                    {
                        return await entry.Load.WaitAsync(ct); // another caller is loading it under this version
                    }
                    catch (Exception) when (!ct.IsCancellationRequested)
                    {
                        break; // its failure (or its caller's cancellation) is not ours: load it ourselves
                    }
                }

                mine ??= new Entry(current);
                if (_entries.TryUpdate(key, mine, entry))
                {
                    return await LoadAsync(key, mine, c => load(state, c), ct);
                }
            }
            else
            {
                if (_entries.Count >= capacity)
                {
                    _entries.Clear();
                }

                mine ??= new Entry(current);
                if (_entries.TryAdd(key, mine))
                {
                    return await LoadAsync(key, mine, c => load(state, c), ct);
                }
            }
        }

        return await load(state, ct);
    }

    private async Task<TValue?> LoadAsync(TKey key, Entry mine, Func<CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        TValue? value;
        try
        {
            value = await load(ct);
        }
        catch (Exception ex)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, mine));
            mine.Fail(ex);
            throw;
        }

        if (value is null)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, mine));
        }

        mine.Complete(value);
        return value;
    }

    /// <summary>For tests: how many entries are held (stale or not).</summary>
    internal int Count => _entries.Count;

    private sealed class Entry(long version)
    {
        private readonly TaskCompletionSource<TValue?> _load = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Version { get; } = version;

        public Task<TValue?> Load => _load.Task;

        public void Complete(TValue? value) => _load.TrySetResult(value);

        public void Fail(Exception ex)
        {
            _load.TrySetException(ex);
            _ = _load.Task.Exception; // observed: a failure nobody joined is not an unobserved task exception
        }
    }
}
