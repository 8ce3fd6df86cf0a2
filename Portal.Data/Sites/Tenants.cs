using Microsoft.EntityFrameworkCore;
using Portal.Data.Model;

namespace Portal.Data.Sites;

/// <summary>Finding and creating the tenant row behind a tenant actor or an integrator's sandbox (internal to the services).</summary>
internal static class Tenants
{
    public static Task<Tenant?> FindAsync(PortalDbContext db, Actor tenant, CancellationToken ct) =>
        db.Tenants.SingleOrDefaultAsync(t => t.UserId == tenant.UserId, ct);

    /// <summary>The actor's tenant, created on first use with the actor's name; the unique index settles a race.</summary>
    public static async Task<Tenant> GetOrCreateAsync(PortalDbContext db, Actor tenant, DateTime now, CancellationToken ct) =>
        await FindAsync(db, tenant, ct) ?? (await CreateOrFindAsync(db, tenant, now, ct)).Tenant;

    /// <summary>
    /// Creates the actor's tenant; when a concurrent first use created it meanwhile, that one, with Created false.
    /// (On SQLite a transaction already keeps the other out; on PostgreSQL the unique index tells.)
    /// </summary>
    public static Task<(Tenant Tenant, bool Created)> CreateOrFindAsync(PortalDbContext db, Actor tenant, DateTime now, CancellationToken ct) =>
        CreateAsync(db, NewTenant(DisplayName(tenant), now, userId: tenant.UserId), nameof(Tenant.UserId), () => FindAsync(db, tenant, ct), ct);

    /// <summary>The integrator's sandbox tenant (for its test site), created on first use and named after the integrator.</summary>
    public static async Task<Tenant> GetOrCreateSandboxAsync(PortalDbContext db, Actor integrator, DateTime now, CancellationToken ct)
    {
        Task<Tenant?> Find() => db.Tenants.SingleOrDefaultAsync(t => t.SandboxOwnerId == integrator.UserId, ct);
        var sandbox = await Find()
            ?? (await CreateAsync(db, NewTenant(DisplayName(integrator), now, sandboxOwnerId: integrator.UserId), nameof(Tenant.SandboxOwnerId), Find, ct)).Tenant;
        await KeepNameCurrentAsync(db, sandbox, integrator, now, ct);
        return sandbox;
    }

    /// <summary>
    /// Renames the tenant when the actor's display name changed; its installations are then updated too (the integrator's
    /// list sorts by update time, and shows the tenant's current name).
    /// </summary>
    public static async Task KeepNameCurrentAsync(PortalDbContext db, Tenant tenant, Actor actor, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(actor.Name) || actor.Name.Trim() == tenant.Name)
        {
            return;
        }

        var name = actor.Name.Trim();
        await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Name, name)
            .SetProperty(t => t.NormalizedName, name.ToUpperInvariant())
            .SetProperty(t => t.UpdatedAt, now), ct);
        await db.Installations.Where(i => i.Site!.TenantId == tenant.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct);
        tenant.Name = name;
        tenant.NormalizedName = name.ToUpperInvariant();
        tenant.UpdatedAt = now;
    }

    private static string DisplayName(Actor actor) => string.IsNullOrWhiteSpace(actor.Name) ? actor.UserId : actor.Name.Trim();

    private static Tenant NewTenant(string name, DateTime now, string? userId = null, string? sandboxOwnerId = null) => new()
    {
        CloudId = CloudIds.NewTenantId(),
        UserId = userId,
        SandboxOwnerId = sandboxOwnerId,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static async Task<(Tenant Tenant, bool Created)> CreateAsync(
        PortalDbContext db, Tenant tenant, string uniqueColumn, Func<Task<Tenant?>> findExisting, CancellationToken ct)
    {
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(ct);
            return (tenant, true);
        }
        catch (DbUpdateException ex) when (Storage.IsUniqueViolation(ex, uniqueColumn))
        {
            db.Entry(tenant).State = EntityState.Detached; // a concurrent first use created it
            return (await findExisting() ?? throw new InvalidOperationException("The tenant vanished while it was being created."), false);
        }
    }
}
