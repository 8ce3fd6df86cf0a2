using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Support;

/// <summary>
/// A fresh database per test, migrated like the real one, with a clock the test controls: a SQLite file in a folder
/// of its own, or, when PORTAL_TEST_DATABASE=postgres, a PostgreSQL database of its own (CREATE DATABASE on the server
/// of PORTAL_TEST_POSTGRES, an administrator's connection string) named after that folder. Every fixture gets its
/// database from here, so the same tests run on either.
/// </summary>
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
        services.AddPortalData(ConnectionStringFor(folder), folder, provider: Provider);
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
        if (OnPostgres)
        {
            return System.Text.Encoding.UTF8.GetBytes(await PostgresDatabases.ReadAllRowsAsync(ConnectionString));
        }

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

    /// <summary>"sqlite" or "postgres", from PORTAL_TEST_DATABASE.</summary>
    public static string Provider { get; } =
        Environment.GetEnvironmentVariable("PORTAL_TEST_DATABASE") is "postgres" ? "postgres" : "sqlite";

    public static bool OnPostgres => Provider == "postgres";

    /// <summary>The settings that put a portal on the folder's database (Database:Provider and ConnectionStrings:Portal).</summary>
    public static IEnumerable<KeyValuePair<string, string>> SettingsFor(string folder) =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:Portal", ConnectionStringFor(folder)),
    ];

    /// <summary>The folder's database: its SQLite file, or its PostgreSQL database (created, migrated, on first use).</summary>
    public static string ConnectionStringFor(string folder) =>
        OnPostgres ? PostgresDatabases.For(folder) : $"Data Source={Path.Combine(folder, "portal.db")}";

    /// <summary>A connection of its own (not the portal's pool) to <paramref name="connectionString"/>, open.</summary>
    public static async Task<DbConnection> OpenConnectionAsync(string connectionString)
    {
        DbConnection connection = OnPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        DeleteFolder(Folder);
    }

    public static void DeleteFolder(string folder)
    {
        if (OnPostgres)
        {
            PostgresDatabases.Drop(folder);
        }

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

/// <summary>
/// The test run's PostgreSQL databases: one migrated template, made once, and a copy of it per folder
/// (CREATE DATABASE … TEMPLATE: a few milliseconds, instead of migrating each one).
/// </summary>
internal static class PostgresDatabases
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Created = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Template = new(CreateTemplate);

    private static string Admin => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PORTAL_TEST_DATABASE=postgres needs PORTAL_TEST_POSTGRES, a connection string of a role that may create databases.");

    public static string For(string folder) => Created.GetOrAdd(NameOf(folder), name => new Lazy<string>(() =>
    {
        Execute($"CREATE DATABASE {name} TEMPLATE {Template.Value}");
        return ConnectionString(name);
    })).Value;

    public static void Drop(string folder)
    {
        if (Created.TryRemove(NameOf(folder), out _))
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Execute($"DROP DATABASE IF EXISTS {NameOf(folder)} WITH (FORCE)");
            }
            catch (PostgresException)
            {
                // A backend this role may not end (a server process) still uses it; the throw-away cluster goes anyway.
            }
        }
    }

    /// <summary>On PostgreSQL, "as stored" is every row of every table in its text form.</summary>
    public static async Task<string> ReadAllRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(table).Append(' ').AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    private static string CreateTemplate()
    {
        var name = "portal_template_" + Environment.ProcessId;
        Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        Execute($"CREATE DATABASE {name}");
        var services = new ServiceCollection();
        services.AddPortalData(ConnectionString(name), Path.GetTempPath(), provider: "postgres");
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<PortalDatabase>().MigrateAsync().GetAwaiter().GetResult();
        }

        NpgsqlConnection.ClearAllPools(); // a template must have no connection while it is copied
        return name;
    }

    private static string NameOf(string folder) => "portal_test_" + Path.GetFileName(folder).ToLowerInvariant();

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
