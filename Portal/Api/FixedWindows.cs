using System.Collections.Concurrent;

namespace Portal.Api;

/// <summary>
/// Fixed rate-limit windows by key (a credential, or an anonymous client's address), taken without a lock. The
/// framework's partitioned limiter looks every request's partition up under one lock that all callers share; here
/// each key's window is one <see cref="long"/> (which window it is, and how many permits were taken in it) changed by
/// compare-and-swap, so requests of different keys never wait for each other and requests of one key only retry.
/// Windows that saw no request in their current window are dropped every <c>sweepEvery</c>, as the framework drops
/// idle partitions: the table holds recent callers only, and a dropped key starts a new window on its next request.
/// </summary>
internal sealed class FixedWindows : IDisposable
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ITimer _sweeper;

    public FixedWindows(TimeProvider clock, TimeSpan sweepEvery)
    {
        _clock = clock;
        _sweeper = clock.CreateTimer(static state => ((FixedWindows)state!).Sweep(), this, sweepEvery, sweepEvery);
    }

    /// <summary>How many keys have a window (for tests).</summary>
    internal int Count => _windows.Count;

    /// <summary>
    /// Takes <paramref name="permits"/> from the key's current window (0: only checks that one is left). Null when
    /// the window has too few left; otherwise the window, read again for the RateLimit-* headers.
    /// </summary>
    public Window? TryTake(string key, int permitLimit, TimeSpan length, int permits)
    {
        while (true)
        {
            var window = WindowOf(key, permitLimit, length);
            switch (window.TryTake(_clock.GetTimestamp(), permits))
            {
                case Taken.Yes:
                    return window;
                case Taken.No:
                    return null;
                default:
                    _windows.TryRemove(new KeyValuePair<string, Window>(key, window)); // dropped meanwhile: a new one
                    break;
            }
        }
    }

    /// <summary>The key's window, made (starting now) if it has none.</summary>
    public Window WindowOf(string key, int permitLimit, TimeSpan length) =>
        _windows.TryGetValue(key, out var window) ? window
        : _windows.GetOrAdd(key, static (_, made) => new Window(made.Clock, made.Clock.GetTimestamp(), made.PermitLimit, made.Length),
            (Clock: _clock, PermitLimit: permitLimit, Length: length));

    /// <summary>Drops the windows in which nothing was taken since their current window began.</summary>
    internal void Sweep()
    {
        var now = _clock.GetTimestamp();
        foreach (var (key, window) in _windows)
        {
            if (window.TryDrop(now))
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    internal enum Taken
    {
        Yes,
        No,
        Dropped,
    }

    /// <summary>
    /// One key's windows, each <c>length</c> long, the first beginning at <c>startedAt</c>. The state is the number of
    /// the window permits were last taken in (high 32 bits) and how many were taken in it (low 32 bits); a later window
    /// starts again at none. <see cref="Dropped"/> once swept: no permit is ever taken from it again.
    /// </summary>
    internal sealed class Window(TimeProvider clock, long startedAt, int permitLimit, TimeSpan length)
    {
        private const long Dropped = long.MinValue;
        private long _state;

        public int PermitLimit => permitLimit;

        public Taken TryTake(long now, int permits)
        {
            var number = NumberAt(now);
            while (true)
            {
                var state = Volatile.Read(ref _state);
                if (state == Dropped)
                {
                    return Taken.Dropped;
                }

                var taken = (int)(state >> 32) == number ? (int)state : 0;
                if (permits == 0 ? taken >= permitLimit : permits > permitLimit - taken)
                {
                    return Taken.No;
                }

                if (permits == 0 || Interlocked.CompareExchange(ref _state, ((long)number << 32) | (uint)(taken + permits), state) == state)
                {
                    return Taken.Yes;
                }
            }
        }

        /// <summary>The permits left in the window that is current at <paramref name="now"/>.</summary>
        public int Remaining(long now)
        {
            var state = Volatile.Read(ref _state);
            return state != Dropped && (int)(state >> 32) == NumberAt(now) ? permitLimit - (int)state : permitLimit;
        }

        /// <summary>The time until the window that is current at <paramref name="now"/> ends.</summary>
        public TimeSpan UntilReset(long now) =>
            TimeSpan.FromTicks(length.Ticks - clock.GetElapsedTime(startedAt, now).Ticks % length.Ticks);

        /// <summary>Marks the window dropped when nothing was taken in the current one; true when it did.</summary>
        public bool TryDrop(long now)
        {
            var state = Volatile.Read(ref _state);
            return state != Dropped && (int)(state >> 32) != NumberAt(now)
                && Interlocked.CompareExchange(ref _state, Dropped, state) == state;
        }

        private int NumberAt(long now) => (int)(clock.GetElapsedTime(startedAt, now).Ticks / length.Ticks);
    }
}
