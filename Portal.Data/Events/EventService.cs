using Microsoft.EntityFrameworkCore;
using Portal.Data.Paging;

namespace Portal.Data.Events;

/// <summary>
/// Reading what happened: an integration's versions (its own created and updated events, INSTALLATIONS.md) and an
/// integrator's activity (everything that happened to its integrations, installations and keys, deletions included).
/// The events themselves are written by the service that makes each change.
/// </summary>
public sealed class EventService
{
    /// <summary>The versions list's default page size (INSTALLATIONS.md).</summary>
    public const int VersionsPerPage = 50;

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;

    internal EventService(IDbContextFactory<PortalDbContext> dbFactory) => _dbFactory = dbFactory;

    /// <summary>A page of the integrator's integration's versions, newest first (among equal times, the later-written first).</summary>
    public async Task<Page<EventData>> ListVersionsAsync(Actor integrator, string integrationId, PageRequest page, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (!await db.Integrations.AnyAsync(i => i.CloudId == integrationId && i.OwnerId == integrator.UserId, ct))
        {
            throw new NotFoundException("integration"); // another integrator's id is not revealed
        }

        var versions = db.Events.AsNoTracking()
            .Where(e => e.IntegrationId == integrationId && e.OwnerId == integrator.UserId && EventKinds.Versions.Contains(e.Kind));
        return await PageAsync(versions, page, ct);
    }

    /// <summary>A page of everything that happened to the integrator's integrations, installations and keys, newest first.</summary>
    public async Task<Page<EventData>> ListActivityAsync(Actor integrator, ActivityQuery query, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var events = db.Events.AsNoTracking().Where(e => e.OwnerId == integrator.UserId);
        if (!string.IsNullOrEmpty(query.IntegrationId))
        {
            events = events.Where(e => e.IntegrationId == query.IntegrationId);
        }

        if (!string.IsNullOrEmpty(query.SubjectKind))
        {
            events = events.Where(e => e.SubjectKind == query.SubjectKind);
        }

        return await PageAsync(events, query.Page, ct);
    }

    /// <summary>The integrations the integrator's activity mentions, by the name each last had there (deleted ones included).</summary>
    public async Task<IReadOnlyList<ActivityIntegration>> ListActivityIntegrationsAsync(Actor integrator, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Events.AsNoTracking()
            .Where(e => e.OwnerId == integrator.UserId && e.IntegrationId != null)
            .GroupBy(e => e.IntegrationId)
            .Select(g => g.Max(e => e.Id))
            .ToListAsync(ct);
        var rows = await db.Events.AsNoTracking()
            .Where(e => latest.Contains(e.Id))
            .Select(e => new ActivityIntegration(e.IntegrationId!, e.IntegrationName ?? e.IntegrationId!))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.CloudId, StringComparer.Ordinal).ToList();
    }

    // Newest first; among equal times the later-written (a larger id) first.
    private static async Task<Page<EventData>> PageAsync(IQueryable<ChangeEvent> events, PageRequest page, CancellationToken ct)
    {
        var total = await events.CountAsync(ct);
        var offset = (long)(page.Page - 1) * page.PerPage;
        IReadOnlyList<EventData> data = [];
        if (offset < total)
        {
            var rows = await events.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip((int)offset).Take(page.PerPage).ToListAsync(ct);
            data = rows.ConvertAll(EventBatch.ToData);
        }

        return new Page<EventData>(data, PageMeta.For(page, total, data.Count));
    }

    private static void RequireIntegrator(Actor actor)
    {
        if (actor.Role != ActorRole.Integrator)
        {
            throw new ForbiddenException("Only the integrator who owns an integration reads its history and activity.");
        }
    }
}
