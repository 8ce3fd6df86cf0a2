using Microsoft.Extensions.Time.Testing;
using Portal.Api;

namespace Portal.Tests.Api;

/// <summary>The rate limit's windows: a limit per key and window, the next window full again, idle keys dropped.</summary>
public sealed class FixedWindowsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_key_gets_its_limit_per_window_and_the_full_limit_again_in_the_next()
    {
        using var windows = new FixedWindows(_clock, sweepEvery: TimeSpan.FromHours(1));

        Assert.NotNull(windows.TryTake("tok_a", 2, Minute, 1));
        _clock.Advance(TimeSpan.FromSeconds(20));
        var second = windows.TryTake("tok_a", 2, Minute, 1);
        Assert.Null(windows.TryTake("tok_a", 2, Minute, 1));
        Assert.NotNull(windows.TryTake("tok_b", 2, Minute, 1)); // another key has its own window

        Assert.Equal(0, second!.Remaining(_clock.GetTimestamp()));
        Assert.Equal(TimeSpan.FromSeconds(40), second.UntilReset(_clock.GetTimestamp()));

        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(2, second.Remaining(_clock.GetTimestamp()));
        Assert.NotNull(windows.TryTake("tok_a", 2, Minute, 1));
        Assert.NotNull(windows.TryTake("tok_a", 2, Minute, 1));
        Assert.Null(windows.TryTake("tok_a", 2, Minute, 1));
    }

    [Fact]
    public void Concurrent_requests_of_one_key_never_take_more_than_its_limit()
    {
        using var windows = new FixedWindows(_clock, sweepEvery: TimeSpan.FromHours(1));
        var granted = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (windows.TryTake("tok_a", 5_000, Minute, 1) is not null)
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(5_000, granted);
    }

    [Fact]
    public void A_sweep_drops_keys_idle_for_their_current_window_and_keeps_the_others()
    {
        using var windows = new FixedWindows(_clock, sweepEvery: TimeSpan.FromHours(1));
        windows.TryTake("idle", 2, Minute, 1);
        windows.TryTake("busy", 2, Minute, 1);

        _clock.Advance(Minute);
        windows.TryTake("busy", 2, Minute, 1);
        windows.Sweep();

        Assert.Equal(1, windows.Count);
        Assert.NotNull(windows.TryTake("busy", 2, Minute, 1));
        Assert.Null(windows.TryTake("busy", 2, Minute, 1)); // the kept key's window still counts
        Assert.NotNull(windows.TryTake("idle", 2, Minute, 1)); // the dropped key starts a new window
    }

    [Fact]
    public void A_permit_taken_from_a_window_being_dropped_is_counted_in_its_new_window()
    {
        using var windows = new FixedWindows(_clock, sweepEvery: TimeSpan.FromHours(1));
        var old = windows.WindowOf("tok_a", 1, Minute);
        _clock.Advance(Minute);
        Assert.True(old.TryDrop(_clock.GetTimestamp())); // swept, but still in the table for a moment

        Assert.NotNull(windows.TryTake("tok_a", 1, Minute, 1));
        Assert.Null(windows.TryTake("tok_a", 1, Minute, 1));
    }
}
