using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data.AccessKeys;
using Portal.Data.Caching;
using Portal.Data.Events;
using Portal.Data.Idempotency;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sessions;
using Portal.Data.Sites;
using Portal.Data.Tokens;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database and the services over it. A relative SQLite file path is taken from
    /// <paramref name="baseDirectory"/> (the app's content root), so the default works from any working directory.
    /// </summary>
    public static IServiceCollection AddPortalData(
        this IServiceCollection services, string connectionString, string baseDirectory, SessionLifetimeOptions? sessions = null)
    {
        var resolved = PortalDatabase.ResolveConnectionString(connectionString, baseDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<PortalDbContext>(options => options
            .UseSqlite(resolved)
            .AddInterceptors(new SqliteBusyTimeout()));
        services.AddSingleton(_ => new DataVersion(resolved));
        services.TryAddSingleton<IChangeTransport, InProcessChangeTransport>();
        services.AddSingleton(sp => new ChangeFeed(sp.GetRequiredService<IChangeTransport>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<ChangeFeed>>()));
        services.AddSingleton(sp => new IntegrationService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new SiteService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Feed(sp)));
        services.AddSingleton(sp => new InstallationService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new AccessKeyService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new EventService(Factory(sp)));
        services.AddSingleton(sp => new ApiTokenService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp)));
        services.AddSingleton(sp => new IdempotencyStore(Factory(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SessionService(Factory(sp), sp.GetRequiredService<TimeProvider>(), sessions ?? new SessionLifetimeOptions()));
        services.AddSingleton(sp => new PortalDatabase(Factory(sp), resolved));
        return services;
    }

    private static ChangeFeed Feed(IServiceProvider sp) => sp.GetRequiredService<ChangeFeed>();

    private static DataVersion Version(IServiceProvider sp) => sp.GetRequiredService<DataVersion>();

    private static IDbContextFactory<PortalDbContext> Factory(IServiceProvider sp) =>
        sp.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>Concurrent writers wait for the lock instead of failing with SQLITE_BUSY.</summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The database's life: where it lives, and bringing its schema up to date at start-up.</summary>
public sealed class PortalDatabase
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;

    internal PortalDatabase(IDbContextFactory<PortalDbContext> dbFactory, string connectionString)
    {
        _dbFactory = dbFactory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Creates the data folder if needed, applies pending migrations and turns on WAL journaling.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (!IsInMemory(builder))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (!IsInMemory(builder))
        {
            // WAL lets readers go on while one request writes; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }

    /// <summary>The folder that holds the SQLite file (the content root's data folder for an in-memory database).</summary>
    public static string DataFolderFor(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(ResolveConnectionString(connectionString, baseDirectory));
        return IsInMemory(builder)
            ? Path.Combine(baseDirectory, "data")
            : Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) ?? baseDirectory;
    }

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="file"/> with SQLite's online backup, while other
    /// connections go on reading and writing. The copy is written beside the target first and then moved into
    /// place, so that a failed backup never leaves a half-written file under the name given.
    /// </summary>
    public async Task BackupToAsync(string file, CancellationToken ct = default)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (IsInMemory(builder))
        {
            throw new InvalidOperationException("An in-memory database cannot be backed up.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var partial = file + ".partial";
        File.Delete(partial);
        await using (var source = new SqliteConnection(ConnectionString))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            await using var journal = target.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;"; // one self-contained file; the portal turns WAL on again at start
            await journal.ExecuteNonQueryAsync(ct);
        }

        File.Move(partial, file, overwrite: true);
    }

    internal static string ResolveConnectionString(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!IsInMemory(builder) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(baseDirectory, builder.DataSource);
        }

        return builder.ToString();
    }

    private static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "";
}
