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
