using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Database;

/// <summary>Every table's rows from one database into another, parents before children, keys kept.</summary>
internal static class DatabaseCopy
{
    public static async Task<bool> AnyRowsAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Integrations.AnyAsync(ct) || await db.Tenants.AnyAsync(ct) || await db.ApiTokens.AnyAsync(ct)
        || await db.Sessions.AnyAsync(ct) || await db.People.AnyAsync(ct);

    public static async Task<int> CopyAsync(PortalDbContext source, PortalDbContext target, CancellationToken ct)
    {
        var rows = 0;
        rows += await CopyAsync(source.Integrations, target, ct);
        rows += await CopyAsync(source.Tenants, target, ct);
        rows += await CopyAsync(source.Sites, target, ct);
        rows += await CopyAsync(source.Installations, target, ct);
        rows += await CopyAsync(source.AccessKeys, target, ct);
        rows += await CopyAsync(source.ApiTokens, target, ct);
        rows += await CopyAsync(source.IdempotencyRecords, target, ct);
        rows += await CopyAsync(source.Sessions, target, ct);
        rows += await CopyAsync(source.People, target, ct);
        rows += await CopyAsync(source.DataProtectionKeys, target, ct);
        return rows;
    }

    private static async Task<int> CopyAsync<T>(IQueryable<T> rows, PortalDbContext target, CancellationToken ct)
        where T : class
    {
        var count = 0;
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            target.Add(row);
            if (++count % 500 == 0)
            {
                await target.SaveChangesAsync(ct);
                target.ChangeTracker.Clear();
            }
        }

        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
        return count;
    }
}
