using Microsoft.EntityFrameworkCore;
using Portal.Data.Model;

namespace Portal.Data.Installations;

/// <summary>
/// What removing an integration, a site or an installation takes with it: the installations and their access keys.
/// Written once; each caller runs it inside its own transaction, so a removal and what depends on it go together.
/// </summary>
internal static class InstallationCascade
{
    public static Task ForIntegrationAsync(PortalDbContext db, long integrationId, CancellationToken ct) =>
        DeleteAsync(db, db.Installations.Where(i => i.IntegrationId == integrationId), ct);

    public static Task ForSiteAsync(PortalDbContext db, long siteId, CancellationToken ct) =>
        DeleteAsync(db, db.Installations.Where(i => i.SiteId == siteId), ct);

    public static Task ForInstallationAsync(PortalDbContext db, long installationId, CancellationToken ct) =>
        DeleteAsync(db, db.Installations.Where(i => i.Id == installationId), ct);

    private static async Task DeleteAsync(PortalDbContext db, IQueryable<Installation> installations, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The installation cascade runs inside the caller's transaction.");
        }

        var ids = installations.Select(i => i.Id);
        await db.AccessKeys.Where(k => ids.Contains(k.InstallationId)).ExecuteDeleteAsync(ct);
        await installations.ExecuteDeleteAsync(ct);
    }
}
