using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Data.Caching;
using Portal.Data.Events;
using Portal.Data.Notifications;

namespace Portal.Data.Database;

/// <summary>
/// PostgreSQL, shared by every node: caches follow the notifications the tables' triggers send, change events travel
/// between nodes as notifications of their ids (<see cref="NotifiedChangeTransport"/>), and start-up
/// migrations take an advisory lock so that nodes started at the same moment migrate one after the other.
/// The role needs to own its database, nothing more (no extension, no superuser).
/// </summary>
internal sealed class PostgresProvider(string connectionString) : DatabaseProvider(connectionString)
{
    /// <summary>Any fixed number, the same on every node: the advisory lock that serialises migrations.</summary>
    private const long MigrationLock = 0x506f7274616c; // "Portal"

    private const int StartupAttempts = 30;

    public override string Name => Postgres;

    public override void AddServices(IServiceCollection services, bool listens)
    {
        services.AddSingleton(sp => new PostgresNotificationListener(ConnectionString, sp.GetService<ILogger<PostgresNotificationListener>>(), listens));
        services.AddSingleton<INodeNotifications>(sp => sp.GetRequiredService<PostgresNotificationListener>());
        services.AddSingleton(sp => new NotifiedDataVersion(sp.GetRequiredService<INodeNotifications>()));
        services.AddSingleton<IDataVersion>(sp => sp.GetRequiredService<NotifiedDataVersion>());
        services.AddSingleton<IChangeTransport>(sp => new NotifiedChangeTransport(
            sp.GetRequiredService<INodeNotifications>(), sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), sp.GetService<ILogger<NotifiedChangeTransport>>()));
        AddContext<PostgresPortalDbContext>(services, (sp, options) =>
        {
            var version = sp.GetRequiredService<NotifiedDataVersion>();
            options.UseNpgsql(ConnectionString).AddInterceptors(new OwnWrites(version.Changed), new OwnCommits(version.Changed));
        });
    }

    public override async Task MigrateAsync(PortalDbContext db, CancellationToken ct)
    {
        // A node may start before its database (a machine boot, a fresh compose stack): wait up to a minute for it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.OpenConnectionAsync(ct);
                break;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < StartupAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }

        try
        {
            // A session lock on this connection: the others wait here, then find nothing left to apply.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public override Task BackupToAsync(string file, CancellationToken ct) =>
        throw new InvalidOperationException("The portal's database is PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f portal.dump <database>).");

    /// <summary>Identity columns continue after the largest copied key.</summary>
    public override async Task ResetKeysAsync(PortalDbContext db, CancellationToken ct)
    {
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey()?.Properties.SingleOrDefault();
            if (key is null || key.ValueGenerated != ValueGenerated.OnAdd || key.ClrType == typeof(string))
            {
                continue;
            }

            var table = entity.GetTableName()!;
            var column = key.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
            var quotedTable = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var quotedColumn = "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable EF1003 // the names come from the model, quoted above; no input reaches this SQL
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('{quotedTable.Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}'), " +
                $"COALESCE((SELECT MAX({quotedColumn}) FROM {quotedTable}), 0) + 1, false)", ct);
#pragma warning restore EF1003
        }
    }
}
