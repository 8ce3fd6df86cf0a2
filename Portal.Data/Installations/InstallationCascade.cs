using Microsoft.EntityFrameworkCore;
using Portal.Data.Events;
using Portal.Data.Model;

namespace Portal.Data.Installations;

/// <summary>
/// What removing an integration, a site or an installation takes with it: the installations and their access keys,
/// each with its event. Written once; each caller runs it inside its own transaction, so a removal, what depends on it
/// and their events go together.
/// </summary>
internal static class InstallationCascade
{
    public static Task ForIntegrationAsync(PortalDbContext db, EventBatch events, long integrationId, CancellationToken ct) =>
        DeleteAsync(db, events, db.Installations.Where(i => i.IntegrationId == integrationId), ct);

    public static Task ForSiteAsync(PortalDbContext db, EventBatch events, long siteId, CancellationToken ct) =>
        DeleteAsync(db, events, db.Installations.Where(i => i.SiteId == siteId), ct);

    public static Task ForInstallationAsync(PortalDbContext db, EventBatch events, long installationId, CancellationToken ct) =>
        DeleteAsync(db, events, db.Installations.Where(i => i.Id == installationId), ct);

    /// <summary>The event of a new installation (<see cref="InstallationService"/> adds them; the cascade removes them).</summary>
    public static void RecordInstalled(EventBatch events, InstallationFacts facts) =>
        events.Add(EventKinds.InstallationCreated, EventSubjects.Installation, facts.CloudId,
            EventBatch.Created(("tenant", facts.TenantName), ("site", facts.SiteName)),
            ownerId: facts.OwnerId, tenantUserId: facts.TenantUserId, integrationId: facts.IntegrationId, integrationName: facts.IntegrationName);

    /// <summary>What an installation's events say about it, read before it changes.</summary>
    public static IQueryable<InstallationFacts> Facts(IQueryable<Installation> installations) =>
        installations.Select(i => new InstallationFacts(
            i.CloudId, i.Integration!.CloudId, i.Integration.Name, i.Integration.OwnerId,
            i.Site!.Tenant!.Name, i.Site.Tenant.UserId, i.Site.Name));

    private static async Task DeleteAsync(PortalDbContext db, EventBatch events, IQueryable<Installation> installations, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The installation cascade runs inside the caller's transaction.");
        }

        var ids = installations.Select(i => i.Id);
        var removed = await Facts(installations.AsNoTracking()).ToListAsync(ct);
        var keys = await db.AccessKeys.AsNoTracking().Where(k => ids.Contains(k.InstallationId))
            .Select(k => new { k.PublicId, Installation = k.Installation!.CloudId })
            .ToListAsync(ct);
        await db.AccessKeys.Where(k => ids.Contains(k.InstallationId)).ExecuteDeleteAsync(ct);
        await installations.ExecuteDeleteAsync(ct);
        foreach (var installation in removed)
        {
            foreach (var key in keys.Where(k => k.Installation == installation.CloudId))
            {
                RecordKey(events, EventKinds.AccessKeyDeleted, key.PublicId, installation, created: false);
            }

            events.Add(EventKinds.InstallationDeleted, EventSubjects.Installation, installation.CloudId,
                EventBatch.Deleted(("tenant", installation.TenantName), ("site", installation.SiteName)),
                ownerId: installation.OwnerId, tenantUserId: installation.TenantUserId,
                integrationId: installation.IntegrationId, integrationName: installation.IntegrationName);
        }
    }

    /// <summary>An access key's event: its installation and site, never the key itself.</summary>
    public static ChangeEvent? RecordKey(EventBatch events, string kind, Guid keyId, InstallationFacts installation, bool created)
    {
        (string, string?)[] attributes = [("installation_id", installation.CloudId), ("site", installation.SiteName)];
        return events.Add(kind, EventSubjects.AccessKey, keyId.ToString("D"),
            created ? EventBatch.Created(attributes) : EventBatch.Deleted(attributes),
            ownerId: installation.OwnerId, tenantUserId: installation.TenantUserId,
            integrationId: installation.IntegrationId, integrationName: installation.IntegrationName);
    }
}

/// <summary>An installation as its events describe it.</summary>
internal sealed record InstallationFacts(
    string CloudId, string IntegrationId, string IntegrationName, string OwnerId, string TenantName, string? TenantUserId, string SiteName);
