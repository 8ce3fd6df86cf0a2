using Microsoft.EntityFrameworkCore;
using Portal.Data.Model;

namespace Portal.Data.Idempotency;

/// <summary>A remembered successful create, replayed when the same Idempotency-Key comes again.</summary>
public sealed record StoredResponse(string RequestFingerprint, int StatusCode, string Body, string? Location, string? ETag);

/// <summary>Idempotency keys per integrator, kept for at least <see cref="Retention"/>.</summary>
public sealed class IdempotencyStore
{
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;

    internal IdempotencyStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
    {
        _dbFactory = dbFactory;
        _time = time;
    }

    public async Task<StoredResponse?> FindAsync(Actor actor, string key, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var since = _time.GetUtcNow().UtcDateTime - Retention;
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.OwnerId == actor.UserId && r.Key == key && r.CreatedAt > since, ct);
        return record is null ? null
            : new StoredResponse(record.RequestFingerprint, record.StatusCode, record.ResponseBody, record.Location, record.ETag);
    }

    /// <summary>Remembers a response; returns false when another request stored one for the key first.</summary>
    public async Task<bool> TryStoreAsync(Actor actor, string key, StoredResponse response, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var now = _time.GetUtcNow().UtcDateTime;
        await db.IdempotencyRecords.Where(r => r.CreatedAt <= now - Retention).ExecuteDeleteAsync(ct);
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            OwnerId = actor.UserId,
            Key = key,
            RequestFingerprint = response.RequestFingerprint,
            StatusCode = response.StatusCode,
            ResponseBody = response.Body,
            Location = response.Location,
            ETag = response.ETag,
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
