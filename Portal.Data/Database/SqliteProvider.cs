using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Caching;
using Portal.Data.Notifications;

namespace Portal.Data.Database;

/// <summary>SQLite: one file, WAL journaling, one node; a relative path is taken from the content root.</summary>
internal sealed class SqliteProvider(string connectionString, string baseDirectory)
    : DatabaseProvider(ResolveConnectionString(connectionString, baseDirectory))
{
    public override string Name => Sqlite;

    public override void AddServices(IServiceCollection services, bool listens)
    {
        services.AddSingleton(_ => new DataVersion(ConnectionString));
        services.AddSingleton<IDataVersion>(sp => sp.GetRequiredService<DataVersion>());
        services.AddSingleton<INodeNotifications, InProcessNotifications>();
        AddContext<SqlitePortalDbContext>(services, (sp, options) =>
        {
            var version = sp.GetRequiredService<DataVersion>();
            options.UseSqlite(ConnectionString)
                .AddInterceptors(new SqliteBusyTimeout(), new OwnWrites(version.Wrote), new OwnCommits(version.Wrote));
        });
    }

    /// <summary>Creates the data folder if needed, applies pending migrations and turns on WAL journaling.</summary>
    public override async Task MigrateAsync(PortalDbContext db, CancellationToken ct)
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

        // EF Core's migration lock (a table in the file) keeps two processes from migrating at once.
        await db.Database.MigrateAsync(ct);
        if (!IsInMemory(builder))
        {
            // WAL lets readers go on while one request writes; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }

    /// <summary>
    /// SQLite's online backup, while other connections go on reading and writing. The copy is written beside the
    /// target first and then moved into place, so that a failed backup never leaves a half-written file.
    /// </summary>
    public override async Task BackupToAsync(string file, CancellationToken ct)
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

    /// <summary>The folder that holds the SQLite file (the content root's data folder for an in-memory database).</summary>
    public string DataFolder
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            return IsInMemory(builder) ? Path.Combine(baseDirectory, "data") : Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) ?? baseDirectory;
        }
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

    /// <summary>Concurrent writers wait for the lock instead of failing with SQLITE_BUSY.</summary>
    private sealed class SqliteBusyTimeout : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000;";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
