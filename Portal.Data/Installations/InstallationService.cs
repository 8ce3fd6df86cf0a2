using Microsoft.EntityFrameworkCore;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Paging;
using Portal.Data.Sites;

namespace Portal.Data.Installations;

/// <summary>
/// Installations: tenants install and uninstall integrations on their farm sites; integrators list who did, and can
/// install their own integration on their own test site. An installation is unique per (integration, site), also
/// under concurrent installs (the unique index settles a race). Each call uses its own short-lived DbContext.
/// </summary>
public sealed class InstallationService
{
    public const string TestSiteName = "Test site";

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ChangeFeed _feed;

    // What requests read, keyed by the caller as well: stale after any commit (see DataVersion), never shared across callers.
    private readonly Caching.ReadCache<(string Installation, Guid? AccessKey), CurrentInstallationData> _current;
    private readonly Caching.ReadCache<(string Owner, string IntegrationId, InstallationListQuery Query), Page<InstallationData>> _pages;

    internal InstallationService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, Caching.IDataVersion version, ChangeFeed feed)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
        _current = new(version, capacity: 10_000);
        _pages = new(version, capacity: 1_000);
    }

    /// <summary>The tenant's sites (by name), each with the integration's installation there, if any.</summary>
    public async Task<IReadOnlyList<InstallTarget>> ListInstallTargetsAsync(Actor tenant, string integrationId, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var integration = await FindCatalogIntegrationAsync(db, integrationId, ct);
        return await db.Sites.AsNoTracking()
            .Where(s => s.Tenant!.UserId == tenant.UserId)
            .OrderBy(s => s.NormalizedName) // unique per tenant (a unique index): no ties
            .Select(s => new InstallTarget(
                new SiteRef(s.CloudId, s.Name),
                s.Installations.Where(i => i.IntegrationId == integration.Id).Select(i => i.CloudId).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Installs the integration on each of the tenant's <paramref name="siteIds"/>; a site where it is already installed
    /// keeps its installation (idempotent). Returns the installations on those sites.
    /// </summary>
    public async Task<IReadOnlyList<TenantInstallationData>> InstallAsync(
        Actor tenant, string integrationId, IReadOnlyCollection<string> siteIds, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        if (siteIds.Count == 0)
        {
            throw new ValidationFailedException([new("site_ids", ValidationCodes.Missing, "Choose at least one farm site.")]);
        }

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var integration = await FindCatalogIntegrationAsync(db, integrationId, ct);
        var wanted = siteIds.Distinct(StringComparer.Ordinal).ToList();
        var sites = await db.Sites.AsNoTracking().Include(s => s.Tenant)
            .Where(s => wanted.Contains(s.CloudId) && s.Tenant!.UserId == tenant.UserId)
            .ToListAsync(ct);
        if (sites.Count != wanted.Count)
        {
            throw new NotFoundException("farm site"); // another tenant's site is not revealed
        }

        foreach (var site in sites)
        {
            await InstallOnceAsync(db, tenant, integration, site, ct);
        }

        var siteKeys = sites.Select(s => s.Id).ToList();
        return await TenantInstallations(db)
            .Where(i => i.IntegrationId == integration.Id && siteKeys.Contains(i.SiteId))
            .OrderBy(i => i.Site!.NormalizedName) // one tenant's sites: unique names
            .Select(ToTenantData)
            .ToListAsync(ct);
    }

    /// <summary>The tenant's installations, by site name, then oldest first.</summary>
    public async Task<IReadOnlyList<TenantInstallationData>> ListForTenantAsync(Actor tenant, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await TenantInstallations(db)
            .Where(i => i.Site!.Tenant!.UserId == tenant.UserId)
            .OrderBy(i => i.Site!.NormalizedName).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id) // one tenant's sites: unique names
            .Select(ToTenantData)
            .ToListAsync(ct);
    }

    /// <summary>Removes the tenant's installation and, in the same transaction, its access keys: they stop working at once.</summary>
    public async Task UninstallAsync(Actor tenant, string installationId, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await RemoveAsync(tenant, i => i.CloudId == installationId && i.Site!.Tenant!.UserId == tenant.UserId, ct);
    }

    /// <summary>
    /// A page of the integrator's integration's installations: most recently updated first, ties newest-created first;
    /// the search matches the tenant's or the site's name.
    /// </summary>
    public async Task<Page<InstallationData>> ListForIntegrationAsync(
        Actor integrator, string integrationId, InstallationListQuery query, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        return await _pages.GetOrLoadAsync((integrator.UserId, integrationId, query),
            ct => LoadForIntegrationAsync(integrator, integrationId, query, ct), ct);
    }

    private async Task<Page<InstallationData>> LoadForIntegrationAsync(
        Actor integrator, string integrationId, InstallationListQuery query, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var integration = await FindOwnedIntegrationAsync(db, integrator, integrationId, ct);
        var source = db.Installations.AsNoTracking().Where(i => i.IntegrationId == integration.Id);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Storage.ContainsPattern(query.Search.Trim().ToUpperInvariant());
            source = source.Where(i => EF.Functions.Like(i.Site!.NormalizedName, pattern, "\\")
                || EF.Functions.Like(i.Site!.Tenant!.NormalizedName, pattern, "\\"));
        }

        var total = await source.CountAsync(ct);
        var offset = (long)(query.Page.Page - 1) * query.Page.PerPage;
        IReadOnlyList<InstallationData> data = [];
        if (offset < total)
        {
            data = await source
                .OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
                .Skip((int)offset)
                .Take(query.Page.PerPage)
                .Select(ToIntegratorData)
                .ToListAsync(ct);
        }

        return new Page<InstallationData>(data, PageMeta.For(query.Page, total, data.Count));
    }

    /// <summary>
    /// Installs the integrator's own integration on its test site: a sandbox tenant named after the integrator, with one
    /// site, both made on first use. Idempotent.
    /// </summary>
    public async Task<InstallationData> InstallOnTestSiteAsync(Actor integrator, string integrationId, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var integration = await FindOwnedIntegrationAsync(db, integrator, integrationId, ct);
        var now = _time.UtcNowMilliseconds();
        var sandbox = await Tenants.GetOrCreateSandboxAsync(db, integrator, now, ct);
        var siteId = await GetOrCreateTestSiteAsync(db, sandbox, now, ct);
        var site = await db.Sites.AsNoTracking().Include(s => s.Tenant).SingleAsync(s => s.Id == siteId, ct);
        await InstallOnceAsync(db, integrator, integration, site, ct);
        return await db.Installations.AsNoTracking()
            .Where(i => i.IntegrationId == integration.Id && i.SiteId == siteId)
            .Select(ToIntegratorData)
            .SingleAsync(ct);
    }

    /// <summary>Removes an installation from the integrator's own test site (never a tenant's), with its access keys.</summary>
    public async Task UninstallFromTestSiteAsync(Actor integrator, string installationId, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await RemoveAsync(integrator, i => i.CloudId == installationId
            && i.Integration!.OwnerId == integrator.UserId
            && i.Site!.Tenant!.SandboxOwnerId == integrator.UserId, ct);
    }

    /// <summary>The installation the presenting access key belongs to, with the integration's current values.</summary>
    public async Task<CurrentInstallationData> GetCurrentAsync(Actor installation, CancellationToken ct = default)
    {
        if (installation.Role != ActorRole.Installation)
        {
            throw new ForbiddenException(
                "GET /api/integration answers for an installation: authenticate as an installation with one of its access keys.");
        }

        return await _current.GetOrLoadAsync((installation.UserId, installation.AccessKeyId),
            ct => LoadCurrentAsync(installation, ct), ct);
    }

    private async Task<CurrentInstallationData> LoadCurrentAsync(Actor installation, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var found = await db.Installations.AsNoTracking()
            .Where(i => i.CloudId == installation.UserId)
            .Select(i => new
            {
                i.CloudId,
                i.Integration,
                Site = new SiteRef(i.Site!.CloudId, i.Site.Name),
                KeyLastActiveAt = i.AccessKeys.Where(k => k.PublicId == installation.AccessKeyId).Select(k => k.LastActiveAt).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("installation");
        var integration = found.Integration!;
        return new CurrentInstallationData(
            found.CloudId,
            new IntegrationData(integration.CloudId, integration.Name, integration.Url, integration.Description,
                integration.CreatedAt, integration.UpdatedAt, integration.Version),
            found.Site,
            found.KeyLastActiveAt);
    }

    private async Task RemoveAsync(Actor actor, System.Linq.Expressions.Expression<Func<Installation, bool>> which, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var id = await db.Installations.Where(which).Select(i => (long?)i.Id).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("installation");
        var events = new EventBatch(db, actor, _time.UtcNowMilliseconds());
        await InstallationCascade.ForInstallationAsync(db, events, id, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        _feed.Publish(events.Events);
    }

    /// <summary>Adds the installation unless it exists; a concurrent install of the same site loses to the unique index quietly.</summary>
    private async Task InstallOnceAsync(PortalDbContext db, Actor actor, Integration integration, Site site, CancellationToken ct)
    {
        if (await db.Installations.AnyAsync(i => i.IntegrationId == integration.Id && i.SiteId == site.Id, ct))
        {
            return;
        }

        var now = _time.UtcNowMilliseconds();
        var installation = new Installation
        {
            CloudId = CloudIds.NewInstallationId(),
            IntegrationId = integration.Id,
            SiteId = site.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Installations.Add(installation);
        var events = new EventBatch(db, actor, now);
        InstallationCascade.RecordInstalled(events, new InstallationFacts(
            installation.CloudId, integration.CloudId, integration.Name, integration.OwnerId,
            site.Tenant!.Name, site.Tenant.UserId, site.Name));
        try
        {
            await db.SaveChangesAsync(ct);
            _feed.Publish(events.Events);
        }
        catch (DbUpdateException ex) when (Storage.IsUniqueViolation(ex, nameof(Installation.SiteId)))
        {
            db.Entry(installation).State = EntityState.Detached; // installed by a concurrent call: the same outcome
            events.Discard(events.Events.SingleOrDefault());
        }
        catch (DbUpdateException ex) when (Storage.IsForeignKeyViolation(ex))
        {
            throw new NotFoundException("farm site"); // the site (or the integration) was removed meanwhile
        }
    }

    private static async Task<long> GetOrCreateTestSiteAsync(PortalDbContext db, Tenant sandbox, DateTime now, CancellationToken ct)
    {
        Task<long?> Find() => db.Sites.Where(s => s.TenantId == sandbox.Id).OrderBy(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (await Find() is { } existing)
        {
            return existing;
        }

        var site = new Site
        {
            CloudId = CloudIds.NewSiteId(),
            TenantId = sandbox.Id,
            Name = TestSiteName,
            NormalizedName = SiteRules.NormalizeName(TestSiteName),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Sites.Add(site);
        try
        {
            await db.SaveChangesAsync(ct);
            return site.Id;
        }
        catch (DbUpdateException ex) when (Storage.IsUniqueViolation(ex, nameof(Site.NormalizedName)))
        {
            db.Entry(site).State = EntityState.Detached; // a concurrent first use made it
            return await Find() ?? throw new InvalidOperationException("The test site vanished while it was being created.");
        }
    }

    private static IQueryable<Installation> TenantInstallations(PortalDbContext db) => db.Installations.AsNoTracking();

    private static readonly System.Linq.Expressions.Expression<Func<Installation, TenantInstallationData>> ToTenantData = i =>
        new TenantInstallationData(i.CloudId, new SiteRef(i.Site!.CloudId, i.Site.Name), i.Integration!.CloudId, i.Integration.Name, i.CreatedAt);

    private static readonly System.Linq.Expressions.Expression<Func<Installation, InstallationData>> ToIntegratorData = i =>
        new InstallationData(
            i.CloudId,
            i.CreatedAt,
            i.UpdatedAt,
            new TenantRef(i.Site!.Tenant!.CloudId, i.Site.Tenant.Name),
            new SiteRef(i.Site.CloudId, i.Site.Name),
            i.Site.Tenant.SandboxOwnerId != null);

    private static async Task<Integration> FindCatalogIntegrationAsync(PortalDbContext db, string integrationId, CancellationToken ct) =>
        await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.CloudId == integrationId, ct)
        ?? throw new NotFoundException("integration");

    private static async Task<Integration> FindOwnedIntegrationAsync(PortalDbContext db, Actor integrator, string integrationId, CancellationToken ct) =>
        await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.CloudId == integrationId && i.OwnerId == integrator.UserId, ct)
        ?? throw new NotFoundException("integration"); // another integrator's id is not revealed

    private static void RequireTenant(Actor actor)
    {
        if (actor.Role != ActorRole.Tenant)
        {
            throw new ForbiddenException("Only tenants install and uninstall integrations on their farm sites.");
        }
    }

    private static void RequireIntegrator(Actor actor)
    {
        if (actor.Role != ActorRole.Integrator)
        {
            throw new ForbiddenException("Only the integrator who owns an integration sees its installations and manages their access keys.");
        }
    }
}
