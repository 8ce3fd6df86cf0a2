using Microsoft.EntityFrameworkCore;
using Portal.Data.Database;

namespace Portal.Data;

/// <summary>The database's life: bringing its schema up to date at start-up, backing it up, moving it elsewhere.</summary>
public sealed class PortalDatabase
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly DatabaseProvider _provider;

    internal PortalDatabase(IDbContextFactory<PortalDbContext> dbFactory, DatabaseProvider provider)
    {
        _dbFactory = dbFactory;
        _provider = provider;
    }

    /// <summary>The connection string in use (a relative SQLite path resolved).</summary>
    public string ConnectionString => _provider.ConnectionString;

    /// <summary>Applies pending migrations (and prepares the database); safe when several nodes start at once.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await _provider.MigrateAsync(db, ct);
    }

    /// <summary>Migrations of this build not yet applied to the database.</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }

    /// <summary>A consistent copy of a SQLite database in <paramref name="file"/>, made while the portal serves.</summary>
    public Task BackupToAsync(string file, CancellationToken ct = default) => _provider.BackupToAsync(file, ct);

    /// <summary>
    /// Copies every row of this database into <paramref name="target"/> (migrated first, and required to be empty),
    /// keys and all, in one transaction: nothing is copied unless everything is.
    /// </summary>
    public async Task<int> CopyToAsync(PortalDatabase target, CancellationToken ct = default)
    {
        await target.MigrateAsync(ct);
        await using var source = await _dbFactory.CreateDbContextAsync(ct);
        await using var into = await target._dbFactory.CreateDbContextAsync(ct);
        if (await DatabaseCopy.AnyRowsAsync(into, ct))
        {
            throw new InvalidOperationException("The target database already holds data; copy only into a new, empty database.");
        }

        await using var transaction = await into.Database.BeginTransactionAsync(ct);
        var rows = await DatabaseCopy.CopyAsync(source, into, ct);
        await target._provider.ResetKeysAsync(into, ct);
        await transaction.CommitAsync(ct);
        return rows;
    }
}
