using Microsoft.EntityFrameworkCore;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Model;

namespace Portal.Data.Sites;

/// <summary>A tenant's farm site as the service returns it, with how many integrations are installed on it.</summary>
public sealed record SiteData(string CloudId, string Name, DateTime CreatedAt, DateTime UpdatedAt, int InstallationCount);

/// <summary>
/// Tenants' farm sites: the one place that owns their rules and queries. Every method takes the acting tenant; a site
/// of another tenant is not found. Each call uses its own short-lived DbContext.
/// </summary>
public sealed class SiteService
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ChangeFeed _feed;

    internal SiteService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, ChangeFeed feed)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
    }

    /// <summary>The tenant's sites, by name.</summary>
    public async Task<IReadOnlyList<SiteData>> ListAsync(Actor tenant, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking()
            .Where(s => s.Tenant!.UserId == tenant.UserId)
            .OrderBy(s => s.NormalizedName).ThenBy(s => s.Id)
            .Select(s => new SiteData(s.CloudId, s.Name, s.CreatedAt, s.UpdatedAt, s.Installations.Count))
            .ToListAsync(ct);
    }

    public async Task<SiteData> AddAsync(Actor tenant, string? name, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        var (checkedName, errors) = SiteRules.CheckName(name);
        ThrowIfAny(errors);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var now = _time.UtcNowMilliseconds();
        var owner = await Tenants.GetOrCreateAsync(db, tenant, now, ct);
        var events = new EventBatch(db, tenant, now);
        var site = await AddSiteAsync(db, events, owner, checkedName!, ct);
        _feed.Publish(events.Events);
        return ToData(site, installationCount: 0);
    }

    /// <summary>Renames the site; its installations count as updated (the integrator's list shows the new name first).</summary>
    public async Task<SiteData> RenameAsync(Actor tenant, string siteId, string? name, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var site = await FindOwnedAsync(db, tenant, siteId, ct);
        var (checkedName, errors) = SiteRules.CheckName(name);
        ThrowIfAny(errors);
        if (checkedName != site.Name)
        {
            var normalized = SiteRules.NormalizeName(checkedName!);
            if (normalized != site.NormalizedName
                && await db.Sites.AnyAsync(s => s.TenantId == site.TenantId && s.NormalizedName == normalized && s.Id != site.Id, ct))
            {
                throw new ValidationFailedException([SiteRules.NameTaken()]);
            }

            var now = _time.UtcNowMilliseconds();
            var events = new EventBatch(db, tenant, now);
            events.Add(EventKinds.SiteRenamed, EventSubjects.Site, site.CloudId, [new("name", site.Name, checkedName)], tenantUserId: tenant.UserId);
            site.Name = checkedName!;
            site.NormalizedName = normalized;
            site.UpdatedAt = now;
            await SaveAsync(db, ct);
            await db.Installations.Where(i => i.SiteId == site.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct);
            await transaction.CommitAsync(ct);
            _feed.Publish(events.Events);
        }
        else
        {
            await transaction.CommitAsync(ct);
        }

        var count = await db.Installations.CountAsync(i => i.SiteId == site.Id, ct);
        return ToData(site, count);
    }

    /// <summary>Removes the site and, in the same transaction, every installation on it and their access keys.</summary>
    public async Task RemoveAsync(Actor tenant, string siteId, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var site = await FindOwnedAsync(db, tenant, siteId, ct);
        var events = new EventBatch(db, tenant, _time.UtcNowMilliseconds());
        await InstallationCascade.ForSiteAsync(db, events, site.Id, ct);
        await db.Sites.Where(s => s.Id == site.Id).ExecuteDeleteAsync(ct);
        events.Add(EventKinds.SiteRemoved, EventSubjects.Site, site.CloudId, EventBatch.Deleted(("name", site.Name)), tenantUserId: tenant.UserId);
        db.Entry(site).State = EntityState.Detached; // deleted above; the save below writes only the events
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        _feed.Publish(events.Events);
    }

    /// <summary>
    /// Creates the tenant on first use (named after the actor, and kept current on later calls); only when it creates
    /// it, adds <paramref name="initialSites"/>.
    /// </summary>
    public async Task EnsureTenantAsync(Actor tenant, IReadOnlyList<string> initialSites, CancellationToken ct = default)
    {
        RequireTenant(tenant);
        var names = new List<string>();
        var errors = new List<ValidationError>();
        foreach (var raw in initialSites)
        {
            var (name, broken) = SiteRules.CheckName(raw);
            errors.AddRange(broken);
            if (name is not null)
            {
                names.Add(name);
            }
        }

        ThrowIfAny(errors);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var now = _time.UtcNowMilliseconds();
        var existing = await Tenants.FindAsync(db, tenant, ct);
        if (existing is not null)
        {
            await Tenants.KeepNameCurrentAsync(db, existing, tenant, now, ct);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await Tenants.FindAsync(db, tenant, ct) is { } raced)
        {
            await Tenants.KeepNameCurrentAsync(db, raced, tenant, now, ct); // created between the two reads
            await transaction.CommitAsync(ct);
            return;
        }

        var (created, isNew) = await Tenants.CreateOrFindAsync(db, tenant, now, ct);
        if (!isNew)
        {
            await Tenants.KeepNameCurrentAsync(db, created, tenant, now, ct); // a concurrent first use won, initial sites and all
            await transaction.CommitAsync(ct);
            return;
        }

        var events = new EventBatch(db, tenant, now);
        foreach (var name in names.DistinctBy(SiteRules.NormalizeName))
        {
            await AddSiteAsync(db, events, created, name, ct);
        }

        await transaction.CommitAsync(ct);
        _feed.Publish(events.Events);
    }

    private static async Task<Site> AddSiteAsync(PortalDbContext db, EventBatch events, Tenant owner, string name, CancellationToken ct)
    {
        var now = events.Now;
        var normalized = SiteRules.NormalizeName(name);
        if (await db.Sites.AnyAsync(s => s.TenantId == owner.Id && s.NormalizedName == normalized, ct))
        {
            throw new ValidationFailedException([SiteRules.NameTaken()]);
        }

        var site = new Site
        {
            CloudId = CloudIds.NewSiteId(),
            TenantId = owner.Id,
            Name = name,
            NormalizedName = normalized,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Sites.Add(site);
        events.Add(EventKinds.SiteAdded, EventSubjects.Site, site.CloudId, EventBatch.Created(("name", name)), tenantUserId: owner.UserId);
        await SaveAsync(db, ct);
        return site;
    }

    private static async Task<Site> FindOwnedAsync(PortalDbContext db, Actor tenant, string siteId, CancellationToken ct) =>
        await db.Sites.SingleOrDefaultAsync(s => s.CloudId == siteId && s.Tenant!.UserId == tenant.UserId, ct)
        ?? throw new NotFoundException("farm site"); // another tenant's site is not revealed

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Storage.IsUniqueViolation(ex, nameof(Site.NormalizedName)))
        {
            throw new ValidationFailedException([SiteRules.NameTaken()]); // a concurrent add or rename won the name
        }
    }

    private static void ThrowIfAny(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static void RequireTenant(Actor actor)
    {
        if (actor.Role != ActorRole.Tenant)
        {
            throw new ForbiddenException("Only tenants manage farm sites.");
        }
    }

    private static SiteData ToData(Site s, int installationCount) => new(s.CloudId, s.Name, s.CreatedAt, s.UpdatedAt, installationCount);
}
