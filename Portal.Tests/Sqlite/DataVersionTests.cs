using Microsoft.Data.Sqlite;
using Portal.Data.Caching;
using Portal.Tests.Support;

namespace Portal.Tests.Sqlite;

/// <summary>
/// SQLite's data version (<c>PRAGMA data_version</c>), which every read cache on SQLite is stamped with; this namespace
/// runs on SQLite only (PostgreSQL's version is NotifiedDataVersion, see NotifiedDataVersionTests). It is read on
/// several connections at once; whichever of them a call uses, a commit made anywhere must give every later call a
/// version no earlier call returned.
/// </summary>
public sealed class DataVersionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Without_a_commit_the_version_stays_the_same_on_every_connection()
    {
        using var version = new DataVersion(_db.ConnectionString);
        version.Open(Readers); // as many connections as readers at once: each one's first read is a change
        var settled = version.Current();

        var again = await ReadInParallelAsync(version);

        Assert.All(again, v => Assert.Equal(settled, v));
    }

    [Fact]
    public async Task After_a_commit_by_another_connection_no_call_on_any_connection_returns_an_earlier_version()
    {
        using var version = new DataVersion(_db.ConnectionString);
        var before = (await ReadInParallelAsync(version)).ToHashSet();
        before.Add(version.Current());

        await CommitElsewhereAsync();

        var after = await ReadInParallelAsync(version);
        Assert.All(after, v => Assert.DoesNotContain(v, before));
        Assert.All(after, v => Assert.True(v > before.Max()));
    }

    [Fact]
    public async Task Each_commit_is_seen_even_when_commits_and_reads_alternate()
    {
        using var version = new DataVersion(_db.ConnectionString);
        await ReadInParallelAsync(version);
        for (var i = 0; i < 5; i++)
        {
            var before = version.Current();
            await CommitElsewhereAsync();
            Assert.NotEqual(before, version.Current());
        }
    }

    [Fact]
    public void Without_a_database_file_no_two_calls_share_a_version()
    {
        using var version = new DataVersion("Data Source=:memory:");

        Assert.NotEqual(version.Current(), version.Current());
    }

    [Fact]
    public async Task Within_a_pin_every_call_returns_the_first_calls_version_and_the_next_pin_sees_the_commit()
    {
        using var version = new DataVersion(_db.ConnectionString);
        long pinned;
        using (DataVersionPin.Begin())
        {
            pinned = version.Current();
            await CommitElsewhereAsync(); // another process (tokens revoke) commits during the request

            Assert.Equal(pinned, version.Current());
        }

        using (DataVersionPin.Begin()) // the next request
        {
            Assert.NotEqual(pinned, version.Current());
        }

        Assert.NotEqual(pinned, version.Current()); // and without a pin
    }

    [Fact]
    public async Task A_write_of_this_process_ends_the_pin_so_the_request_never_serves_what_it_made_stale()
    {
        var version = _db.Get<DataVersion>();
        using (DataVersionPin.Begin())
        {
            var pinned = version.Current();
            await CommitElsewhereAsync();
            Assert.Equal(pinned, version.Current());

            // A write through the services' own contexts (the interceptors), as the throttled last-used write is.
            await _db.Get<Portal.Data.Tokens.ApiTokenService>().CreateAsync("someone", Portal.Data.ActorRole.Integrator, "pin", null);

            var after = version.Current();
            Assert.True(after > pinned);
            await CommitElsewhereAsync();
            Assert.Equal(after, version.Current()); // pinned again, at the version read after the write
        }
    }

    [Fact]
    public async Task A_pins_first_read_may_share_a_version_read_after_the_pin_began_but_never_one_read_before()
    {
        using var version = new DataVersion(_db.ConnectionString);
        version.Current();
        long other;
        using (DataVersionPin.Begin())
        {
            await CommitElsewhereAsync(); // after the request began
            other = await UnpinnedReadAsync(version); // another request's read, begun after this one: it saw that commit
            await CommitElsewhereAsync(); // also after the request began: the request need not see it

            Assert.Equal(other, version.Current()); // shared: no PRAGMA of its own
        }

        using (DataVersionPin.Begin()) // began after both commits: it never takes a read begun before it
        {
            Assert.True(version.Current() > other);
        }
    }

    /// <summary>A read in a flow of its own (no pin), as another request's unpinned read would be.</summary>
    private static async Task<long> UnpinnedReadAsync(DataVersion version)
    {
        Task<long> read;
        using (ExecutionContext.SuppressFlow())
        {
            read = Task.Run(version.Current);
        }

        return await read;
    }

    [Fact]
    public async Task A_pin_never_leaks_out_of_the_async_method_that_began_it()
    {
        using var version = new DataVersion(_db.ConnectionString);
        var pinned = await PinnedReadAsync(version);
        await CommitElsewhereAsync();

        Assert.NotEqual(pinned, version.Current());
    }

    private static async Task<long> PinnedReadAsync(DataVersion version)
    {
        DataVersionPin.Begin(); // never disposed: the async method's end restores its caller's context
        await Task.Yield();
        return version.Current();
    }

    private const int Readers = 16;

    /// <summary>Reads the version from 16 threads at once, so that several of the pool's connections are used.</summary>
    private static async Task<long[]> ReadInParallelAsync(DataVersion version)
    {
        using var start = new Barrier(Readers);
        var reads = Enumerable.Range(0, Readers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return version.Current();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        return await Task.WhenAll(reads);
    }

    private async Task CommitElsewhereAsync()
    {
        await using var connection = new SqliteConnection(_db.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS touched (n INTEGER); INSERT INTO touched VALUES (1);";
        await command.ExecuteNonQueryAsync();
    }
}
