using Microsoft.EntityFrameworkCore;
using Portal.Data.Caching;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Model;
using Portal.Data.Paging;

namespace Portal.Data.Integrations;

/// <summary>
/// The one implementation of the Integrations resource. The REST controller and the portal's pages both call it;
/// it owns every query and every rule. Each call uses its own short-lived DbContext.
/// </summary>
public sealed class IntegrationService
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ChangeFeed _feed;

    // What requests read, keyed by the owner as well: stale after any commit (see DataVersion), never shared across owners.
    private readonly ReadCache<(string Owner, string CloudId), IntegrationData> _byId;
    private readonly ReadCache<(string Owner, IntegrationListQuery Query), Page<IntegrationData>> _pages;

    internal IntegrationService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IDataVersion version, ChangeFeed feed)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
        _byId = new(version, capacity: 10_000);
        _pages = new(version, capacity: 1_000);
    }

    public async Task<IntegrationData> CreateAsync(Actor actor, IntegrationInput input, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        var checkedInput = IntegrationRules.Check(input, isCreate: true);
        var errors = checkedInput.Errors.ToList();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (checkedInput.Name.HasValue && await IsNameTakenAsync(db, actor, checkedInput.Name.Value, exceptId: null, ct))
        {
            errors.Add(NameTaken());
        }

        ThrowIfAny(errors);
        var now = Now();
        var entity = new Integration
        {
            CloudId = CloudIds.NewIntegrationId(),
            OwnerId = actor.UserId,
            Name = checkedInput.Name.Value,
            NormalizedName = IntegrationRules.NormalizeName(checkedInput.Name.Value),
            Url = checkedInput.Url.Value,
            Description = checkedInput.Description.Value,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Integrations.Add(entity);
        var events = new EventBatch(db, actor, now);
        events.Add(EventKinds.IntegrationCreated, EventSubjects.Integration, entity.CloudId,
            EventBatch.Created(("name", entity.Name), ("url", entity.Url), ("description", entity.Description)),
            ownerId: entity.OwnerId, integrationId: entity.CloudId, integrationName: entity.Name);
        await SaveAsync(db, ct);
        _feed.Publish(events.Events);
        return ToData(entity);
    }

    public Task<IntegrationData> GetAsync(Actor actor, string cloudId, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        return _byId.GetOrLoadAsync((actor.UserId, cloudId), (Integrations: this, Actor: actor, CloudId: cloudId), static async (s, ct) =>
        {
            await using var db = await s.Integrations._dbFactory.CreateDbContextAsync(ct);
            return ToData(await FindOwnedAsync(db.Integrations.AsNoTracking(), s.Actor, s.CloudId, ct));
        }, ct);
    }

    /// <summary>
    /// PATCH semantics: only the attributes present in <paramref name="input"/> change. With <paramref name="ifMatch"/>
    /// a concurrent change is a precondition failure; without it the change is applied on top of whatever was saved
    /// meanwhile, retrying until it applies (each lost race means another write succeeded, so this ends).
    /// </summary>
    public async Task<IntegrationData> UpdateAsync(
        Actor actor, string cloudId, IntegrationInput input, IfMatch? ifMatch = null, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        while (true)
        {
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            var entity = await FindOwnedAsync(db.Integrations, actor, cloudId, ct);
            if (ifMatch is not null && !ifMatch.IsSatisfiedBy(ToData(entity)))
            {
                throw new PreconditionFailedException();
            }

            var checkedInput = IntegrationRules.Check(input, isCreate: false);
            var errors = checkedInput.Errors.ToList();
            if (checkedInput.Name.HasValue
                && IntegrationRules.NormalizeName(checkedInput.Name.Value) != entity.NormalizedName
                && await IsNameTakenAsync(db, actor, checkedInput.Name.Value, entity.Id, ct))
            {
                errors.Add(NameTaken());
            }

            ThrowIfAny(errors);
            var changes = Apply(entity, checkedInput);
            if (changes.Count == 0)
            {
                return ToData(entity);
            }

            entity.Version++;
            entity.UpdatedAt = Now();
            var events = new EventBatch(db, actor, entity.UpdatedAt);
            events.Add(EventKinds.IntegrationUpdated, EventSubjects.Integration, entity.CloudId, changes,
                ownerId: entity.OwnerId, integrationId: entity.CloudId, integrationName: entity.Name);
            try
            {
                await SaveAsync(db, ct);
                _feed.Publish(events.Events);
                return ToData(entity);
            }
            catch (DbUpdateConcurrencyException) when (ifMatch is null)
            {
                // Someone else saved in between; an unconditional PATCH simply applies on top of their change.
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new PreconditionFailedException();
            }
        }
    }

    /// <summary>Deletes the integration and, in the same transaction, every installation of it and their access keys.</summary>
    public async Task DeleteAsync(Actor actor, string cloudId, IfMatch? ifMatch = null, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entity = await FindOwnedAsync(db.Integrations, actor, cloudId, ct);
        if (ifMatch is not null && !ifMatch.IsSatisfiedBy(ToData(entity)))
        {
            throw new PreconditionFailedException();
        }

        var events = new EventBatch(db, actor, Now());
        await InstallationCascade.ForIntegrationAsync(db, events, entity.Id, ct);
        var deleted = await db.Integrations
            .Where(i => i.Id == entity.Id && (ifMatch == null || i.Version == entity.Version))
            .ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw ifMatch is null ? new NotFoundException("integration") : new PreconditionFailedException();
        }

        // Its versions go with it (INSTALLATIONS.md); the activity page keeps the line that says who deleted it.
        await db.Events.Where(e => e.IntegrationId == entity.CloudId && EventKinds.Versions.Contains(e.Kind)).ExecuteDeleteAsync(ct);
        events.Add(EventKinds.IntegrationDeleted, EventSubjects.Integration, entity.CloudId,
            EventBatch.Deleted(("name", entity.Name), ("url", entity.Url), ("description", entity.Description)),
            ownerId: entity.OwnerId, integrationId: entity.CloudId, integrationName: entity.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        _feed.Publish(events.Events);
    }

    /// <summary>A page of the actor's own integrations, newest first unless the query says otherwise.</summary>
    public Task<Page<IntegrationData>> ListAsync(Actor actor, IntegrationListQuery query, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        return _pages.GetOrLoadAsync((actor.UserId, query), (Integrations: this, Owner: actor.UserId, Query: query), static async (s, ct) =>
        {
            await using var db = await s.Integrations._dbFactory.CreateDbContextAsync(ct);
            var owned = db.Integrations.AsNoTracking().Where(i => i.OwnerId == s.Owner);
            return await PageAsync(owned, s.Query, ct);
        }, ct);
    }

    /// <summary>The catalog tenants browse: every integrator's integrations, as tenants will see them.</summary>
    public async Task<Page<IntegrationData>> ListCatalogAsync(Actor actor, IntegrationListQuery query, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var page = await PageAsync(db.Integrations.AsNoTracking(), query, ct);
        var publishers = await PublishersAsync(db, page.Data.Select(i => i.CloudId), ct);
        return page with { Data = page.Data.Select(i => i with { Publisher = publishers[i.CloudId] }).ToList() };
    }

    /// <summary>One integration as the catalog shows it to tenants, whoever made it.</summary>
    public async Task<IntegrationData> GetCatalogEntryAsync(Actor actor, string cloudId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.CloudId == cloudId, ct)
            ?? throw new NotFoundException("integration");
        var publishers = await PublishersAsync(db, [cloudId], ct);
        return ToData(entity) with { Publisher = publishers[cloudId] };
    }

    /// <summary>
    /// The name each integration's owner last signed in with, by cloud id; the owner's user id when they never
    /// signed in (e.g. a token made on the command line), so a card never goes without a publisher.
    /// </summary>
    private static async Task<Dictionary<string, string>> PublishersAsync(PortalDbContext db, IEnumerable<string> cloudIds, CancellationToken ct)
    {
        var ids = cloudIds.ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Integrations.AsNoTracking()
            .Where(i => ids.Contains(i.CloudId))
            .Select(i => new { i.CloudId, i.OwnerId, Name = db.People.Where(p => p.UserId == i.OwnerId).Select(p => p.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.CloudId, r => r.Name ?? r.OwnerId);
    }

    /// <summary>How many farm sites have the integration installed (deleting it removes them).</summary>
    public async Task<int> CountInstallationsAsync(Actor actor, string cloudId, CancellationToken ct = default)
    {
        RequireIntegrator(actor);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var entity = await FindOwnedAsync(db.Integrations.AsNoTracking(), actor, cloudId, ct);
        return await db.Installations.CountAsync(i => i.IntegrationId == entity.Id, ct);
    }

    private static async Task<Page<IntegrationData>> PageAsync(IQueryable<Integration> source, IntegrationListQuery query, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Storage.ContainsPattern(IntegrationRules.NormalizeName(query.Search));
            source = source.Where(i => EF.Functions.Like(i.NormalizedName, pattern, "\\"));
        }

        var total = await source.CountAsync(ct);
        var offset = (long)(query.Page.Page - 1) * query.Page.PerPage;
        IReadOnlyList<IntegrationData> data = [];
        if (offset < total)
        {
            var window = PageWindow.For(offset, query.Page.PerPage, total);
            var rows = await Sorted(source, query.Sort, query.Descending != window.FromEnd)
                .Skip(window.Skip)
                .Take(window.Take)
                .ToListAsync(ct);
            if (window.FromEnd)
            {
                rows.Reverse();
            }

            data = rows.ConvertAll(ToData);
        }

        return new Page<IntegrationData>(data, PageMeta.For(query.Page, total, data.Count));
    }

    // Ties are broken by insertion order, so that "among equal timestamps, the later-created first" holds.
    private static IQueryable<Integration> Sorted(IQueryable<Integration> source, IntegrationSort sort, bool descending) =>
        (sort, descending) switch
        {
            (IntegrationSort.Name, false) => source.OrderBy(i => i.NormalizedName).ThenBy(i => i.Id),
            (IntegrationSort.Name, true) => source.OrderByDescending(i => i.NormalizedName).ThenByDescending(i => i.Id),
            (IntegrationSort.Updated, false) => source.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
            (IntegrationSort.Updated, true) => source.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id),
            (_, false) => source.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
            _ => source.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id),
        };

    /// <summary>Applies what the input changes and returns those changes, in the resource's attribute order.</summary>
    private static List<AttributeChange> Apply(Integration entity, CheckedInput input)
    {
        var changes = new List<AttributeChange>();
        if (input.Name.HasValue && input.Name.Value != entity.Name)
        {
            changes.Add(new("name", entity.Name, input.Name.Value));
            entity.Name = input.Name.Value;
            entity.NormalizedName = IntegrationRules.NormalizeName(input.Name.Value);
        }

        if (input.Url.HasValue && input.Url.Value != entity.Url)
        {
            changes.Add(new("url", entity.Url, input.Url.Value));
            entity.Url = input.Url.Value;
        }

        if (input.Description.HasValue && input.Description.Value != entity.Description)
        {
            changes.Add(new("description", entity.Description, input.Description.Value));
            entity.Description = input.Description.Value;
        }

        return changes;
    }

    private static async Task<Integration> FindOwnedAsync(IQueryable<Integration> source, Actor actor, string cloudId, CancellationToken ct) =>
        await source.SingleOrDefaultAsync(i => i.CloudId == cloudId && i.OwnerId == actor.UserId, ct)
        ?? throw new NotFoundException("integration"); // another integrator's id is not revealed

    private static Task<bool> IsNameTakenAsync(PortalDbContext db, Actor actor, string name, long? exceptId, CancellationToken ct)
    {
        var normalized = IntegrationRules.NormalizeName(name);
        return db.Integrations.AnyAsync(i => i.OwnerId == actor.UserId && i.NormalizedName == normalized && i.Id != exceptId, ct);
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Storage.IsUniqueViolation(ex, nameof(Integration.NormalizedName)))
        {
            // Two saves raced past the check above; the unique index settles it.
            throw new ValidationFailedException([NameTaken()]);
        }
    }

    private static ValidationError NameTaken() =>
        new("name", ValidationCodes.Taken, "name is already used by another of your integrations.");

    private static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static void RequireIntegrator(Actor actor)
    {
        if (actor.Role != ActorRole.Integrator)
        {
            throw new ForbiddenException("Only integrators can manage integrations. Tenants can browse the catalog.");
        }
    }

    private DateTime Now() => _time.UtcNowMilliseconds();

    private static IntegrationData ToData(Integration i) =>
        new(i.CloudId, i.Name, i.Url, i.Description, i.CreatedAt, i.UpdatedAt, i.Version);
}
