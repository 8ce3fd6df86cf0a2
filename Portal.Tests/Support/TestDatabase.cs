using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;

namespace Portal.Tests.Support;

/// <summary>A fresh SQLite file per test, migrated like the real one, with a clock the test controls.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TestDatabase(string folder, FakeTimeProvider clock, ServiceProvider provider)
    {
        Folder = folder;
        Clock = clock;
        _provider = provider;
    }

    public string Folder { get; }

    public string ConnectionString => ConnectionStringFor(Folder);

    /// <summary>The clock every service of this database reads; starts at 2001-01-01T01:01:01Z.</summary>
    public FakeTimeProvider Clock { get; }

    /// <param name="configure">Extra registrations, e.g. an EF Core interceptor that forces a race.</param>
    public static async Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var folder = NewFolder();
        var clock = NewClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPortalData(ConnectionStringFor(folder), folder);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<PortalDatabase>().MigrateAsync();
        return new TestDatabase(folder, clock, provider);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// The bytes of the database as stored: every pooled connection closed and the WAL checkpointed into the main
    /// file first, so that no checkpoint can move data between reading the file and reading its WAL.
    /// </summary>
    public async Task<byte[]> ReadStoredBytesAsync()
    {
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return await File.ReadAllBytesAsync(Path.Combine(Folder, "portal.db"));
    }

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2001, 1, 1, 1, 1, 1, TimeSpan.Zero));

    /// <summary>A new empty folder under the temp folder, for a test's own database file.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string ConnectionStringFor(string folder) => $"Data Source={Path.Combine(folder, "portal.db")}";

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        DeleteFolder(Folder);
    }

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open is left in the temp folder; no other test ever reads it.
        }
    }
}
