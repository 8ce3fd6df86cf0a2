using Portal.Data.Caching;

namespace Portal.Tests.Data;

/// <summary>The services' read cache: values served only under the version they were read at, loads shared, failures never.</summary>
public sealed class ReadCacheTests
{
    private readonly SettableVersion _version = new();
    private readonly ReadCache<string, string> _cache;
    private int _loads;

    public ReadCacheTests() => _cache = new ReadCache<string, string>(_version, capacity: 100);

    [Fact]
    public async Task Callers_that_miss_one_key_under_one_version_share_one_load()
    {
        var release = new TaskCompletionSource<string?>();
        var first = _cache.GetOrLoadOrNullAsync("k", _ => Load(release.Task), CancellationToken.None);
        var second = _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("second's own")), CancellationToken.None);

        release.SetResult("read once");

        Assert.Equal(new string?[] { "read once", "read once" }, await Task.WhenAll(first, second));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task A_value_is_not_served_once_the_version_has_moved_on()
    {
        await _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("old")), CancellationToken.None);
        _version.Value++;

        var again = await _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("new")), CancellationToken.None);

        Assert.Equal("new", again);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_caller_that_joined_a_failing_load_loads_for_itself_and_the_failure_is_not_kept()
    {
        var release = new TaskCompletionSource<string?>();
        var first = _cache.GetOrLoadOrNullAsync("k", _ => Load(release.Task), CancellationToken.None);
        var second = _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("second's own")), CancellationToken.None);

        release.SetException(new TimeoutException("the first caller's database call failed"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        Assert.Equal("second's own", await second);
        Assert.Equal("third", await _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("third")), CancellationToken.None));
    }

    [Fact]
    public async Task Not_found_is_not_kept()
    {
        await _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>(null)), CancellationToken.None);

        var again = await _cache.GetOrLoadOrNullAsync("k", _ => Load(Task.FromResult<string?>("created since")), CancellationToken.None);

        Assert.Equal("created since", again);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Keys_never_share_values()
    {
        await _cache.GetOrLoadOrNullAsync("acme", _ => Load(Task.FromResult<string?>("acme's")), CancellationToken.None);

        var globex = await _cache.GetOrLoadOrNullAsync("globex", _ => Load(Task.FromResult<string?>("globex's")), CancellationToken.None);

        Assert.Equal("globex's", globex);
    }

    private async Task<string?> Load(Task<string?> result)
    {
        Interlocked.Increment(ref _loads);
        return await result;
    }

    private sealed class SettableVersion : IDataVersion
    {
        public long Value { get; set; } = 1;

        public long Current() => Value;
    }
}

public sealed class WriteThrottleTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Only_the_first_caller_within_the_interval_may_write()
    {
        var throttle = new WriteThrottle<long>(TimeSpan.FromSeconds(30));

        Assert.True(throttle.TryClaim(1, Start));
        Assert.False(throttle.TryClaim(1, Start));
        Assert.False(throttle.TryClaim(1, Start.AddSeconds(29)));
        Assert.True(throttle.TryClaim(1, Start.AddSeconds(30)));
    }

    [Fact]
    public void Keys_are_throttled_apart()
    {
        var throttle = new WriteThrottle<long>(TimeSpan.FromSeconds(30));

        Assert.True(throttle.TryClaim(1, Start));
        Assert.True(throttle.TryClaim(2, Start));
    }
}
