using System.Collections.Concurrent;

namespace Portal.Data.Caching;

/// <summary>
/// At most one write per key and interval from this process: the last-used times of tokens and access keys. The
/// cached row keeps its old time until the write commits, so without this every request that read it meanwhile (32 at
/// once under load) would write the same time again, and each write would make every cached value stale.
/// </summary>
internal sealed class WriteThrottle<TKey>(TimeSpan interval, int capacity = 10_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, DateTime> _claimed = new();

    /// <summary>True for the one caller that may write now: none claimed the key within the interval before <paramref name="now"/>.</summary>
    public bool TryClaim(TKey key, DateTime now)
    {
        while (true)
        {
            if (_claimed.TryGetValue(key, out var last))
            {
                if (now - last < interval && now >= last)
                {
                    return false;
                }

                if (_claimed.TryUpdate(key, now, last))
                {
                    return true;
                }
            }
            else
            {
                if (_claimed.Count >= capacity)
                {
                    _claimed.Clear();
                }

                if (_claimed.TryAdd(key, now))
                {
                    return true;
                }
            }
        }
    }
}
