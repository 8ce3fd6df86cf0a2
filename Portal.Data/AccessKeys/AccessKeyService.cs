using Microsoft.EntityFrameworkCore;
using Portal.Data.Caching;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Model;
using Portal.Data.Paging;

namespace Portal.Data.AccessKeys;

/// <summary>An access key as it may be shown: <see cref="AccessKey"/> is obfuscated (ak_, x for all but the last four).</summary>
public sealed record AccessKeyData(Guid Id, string AccessKey, DateTime? LastActiveAt, DateTime CreatedAt);

/// <summary>A key just made: the secret is here once and is never stored or shown again.</summary>
public sealed record CreatedAccessKey(AccessKeyData Key, string Secret);

/// <summary>Who a presented access key authenticates as.</summary>
public sealed record AccessKeyIdentity(Guid AccessKeyId, string InstallationId);

/// <summary>
/// Access keys of installations: the integrator who owns the integration makes, lists and deletes them; a script
/// presents one to act as the installation. Stored only as a SHA-256 hash and the last four characters (a fast hash
/// is right for 190 random bits, as for API tokens: docs/decisions/0002).
/// </summary>
public sealed class AccessKeyService
{
    public const string SecretPrefix = "ak_";
    public const int SecretRandomLength = 32;

    /// <summary>A secret as shown at creation, or obfuscated (x is among the characters), as a regular expression.</summary>
    public const string SecretPattern = "^ak_[A-Za-z0-9]{32}$";
    private const int ShownSuffixLength = 4;

    /// <summary>A busy key costs at most one write a minute.</summary>
    private static readonly TimeSpan LastActiveResolution = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ChangeFeed _feed;

    /// <summary>Presented keys by hash (never by secret); stale after any commit (see <see cref="DataVersion"/>).</summary>
    private readonly ReadCache<string, PresentedKey> _byHash;

    private readonly WriteThrottle<long> _lastActiveWrites;

    internal AccessKeyService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IDataVersion version, ChangeFeed feed)
    {
        _dbFactory = dbFactory;
        _time = time;
        _feed = feed;
        _byHash = new ReadCache<string, PresentedKey>(version, capacity: 10_000);
        _lastActiveWrites = new WriteThrottle<long>(LastActiveResolution);
    }

    public Task<CreatedAccessKey> CreateAsync(Actor integrator, string installationId, CancellationToken ct = default) =>
        CreateAsync(integrator, installationId, unknownAttributes: [], ct);

    /// <summary>
    /// Creates a key for the installation. An access key takes no attributes: any the caller sent are reported as
    /// unknown, after the installation is found (API.md's order of checks: 404 before 422).
    /// </summary>
    public async Task<CreatedAccessKey> CreateAsync(
        Actor integrator, string installationId, IReadOnlyList<string> unknownAttributes, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var installation = await OwnedInstallations(db, integrator).Where(i => i.CloudId == installationId)
            .Select(i => (long?)i.Id).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("installation");
        var facts = await InstallationCascade.Facts(db.Installations.AsNoTracking().Where(i => i.Id == installation)).SingleAsync(ct);
        if (unknownAttributes.Count > 0)
        {
            throw new ValidationFailedException(unknownAttributes.Select(a => new ValidationError(a, ValidationCodes.UnknownAttribute,
                $"{a} is not an attribute of an access key. Creating an access key takes no attributes: send no body or {{}}.")).ToList());
        }

        var secret = SecretPrefix + CloudIds.RandomBase62(SecretRandomLength);
        var key = new AccessKey
        {
            PublicId = Guid.NewGuid(),
            InstallationId = installation,
            Hash = Hash(secret),
            LastFour = secret[^ShownSuffixLength..],
            CreatedAt = _time.UtcNowMilliseconds(),
        };
        db.AccessKeys.Add(key);
        var events = new EventBatch(db, integrator, key.CreatedAt);
        InstallationCascade.RecordKey(events, EventKinds.AccessKeyCreated, key.PublicId, facts, created: true);
        try
        {
            await db.SaveChangesAsync(ct);
            _feed.Publish(events.Events);
        }
        catch (DbUpdateException ex) when (Storage.IsForeignKeyViolation(ex))
        {
            throw new NotFoundException("installation"); // uninstalled meanwhile
        }

        return new CreatedAccessKey(ToData(key), secret);
    }

    /// <summary>A page of the installation's keys, newest first.</summary>
    public async Task<Page<AccessKeyData>> ListAsync(Actor integrator, string installationId, PageRequest page, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var installation = await OwnedInstallations(db, integrator).Where(i => i.CloudId == installationId)
            .Select(i => (long?)i.Id).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("installation");
        var keys = db.AccessKeys.AsNoTracking().Where(k => k.InstallationId == installation);
        var total = await keys.CountAsync(ct);
        var offset = (long)(page.Page - 1) * page.PerPage;
        IReadOnlyList<AccessKeyData> data = [];
        if (offset < total)
        {
            var rows = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
                .Skip((int)offset).Take(page.PerPage).ToListAsync(ct);
            data = rows.ConvertAll(ToData);
        }

        return new Page<AccessKeyData>(data, PageMeta.For(page, total, data.Count));
    }

    /// <summary>One key of the integrator's installations; a malformed, unknown or another integrator's id is not found.</summary>
    public async Task<AccessKeyData> GetAsync(Actor integrator, string accessKeyId, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return ToData(await FindOwnedAsync(db, integrator, accessKeyId, ct));
    }

    /// <summary>Deletes the key; the next request that presents it is refused.</summary>
    public async Task DeleteAsync(Actor integrator, string accessKeyId, CancellationToken ct = default)
    {
        RequireIntegrator(integrator);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = await FindOwnedAsync(db, integrator, accessKeyId, ct);
        var facts = await InstallationCascade.Facts(db.Installations.AsNoTracking().Where(i => i.Id == key.InstallationId)).SingleAsync(ct);
        if (await db.AccessKeys.Where(k => k.Id == key.Id).ExecuteDeleteAsync(ct) == 0)
        {
            throw new NotFoundException("access key"); // deleted by a concurrent call
        }

        var events = new EventBatch(db, integrator, _time.UtcNowMilliseconds());
        InstallationCascade.RecordKey(events, EventKinds.AccessKeyDeleted, key.PublicId, facts, created: false);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        _feed.Publish(events.Events);
    }

    /// <summary>
    /// The installation a presented secret authenticates as, or null when the key is unknown or gone (deleted, or its
    /// installation, site or integration removed). Records its use: at first use, then at most once a minute.
    /// </summary>
    public async Task<AccessKeyIdentity?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!IsAccessKeyShaped(secret))
        {
            return null;
        }

        var hash = Hash(secret);
        var key = await _byHash.GetOrLoadOrNullAsync(hash, (Keys: this, Hash: hash), static async (s, ct) =>
        {
            await using var db = await s.Keys._dbFactory.CreateDbContextAsync(ct);
            return await db.AccessKeys.AsNoTracking()
                .Where(k => k.Hash == s.Hash)
                .Select(k => new PresentedKey(k.Id, k.PublicId, k.LastActiveAt, k.Installation!.CloudId))
                .SingleOrDefaultAsync(ct);
        }, ct);
        if (key is null)
        {
            return null;
        }

        var now = _time.UtcNowMilliseconds();
        if ((key.LastActiveAt is null || now - key.LastActiveAt >= LastActiveResolution) && _lastActiveWrites.TryClaim(key.Id, now))
        {
            // The write makes the cached key stale, so the next request reads the new time.
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            await db.AccessKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastActiveAt, now), ct);
        }

        return new AccessKeyIdentity(key.PublicId, key.InstallationId);
    }

    /// <summary>Whether a presented secret looks like an access key (ak_ and 32 base-62 characters), before any lookup.</summary>
    public static bool IsAccessKeyShaped(string secret) =>
        secret.Length == SecretPrefix.Length + SecretRandomLength
        && secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
        && secret[SecretPrefix.Length..].All(char.IsAsciiLetterOrDigit);

    /// <summary>ak_, then x for every character but the last four, then those four: the secret's length, never the secret.</summary>
    public static string Obfuscate(string lastFour) =>
        SecretPrefix + new string('x', SecretRandomLength - ShownSuffixLength) + lastFour;

    internal static string Hash(string secret) => SecretHash.Of(secret);

    private static IQueryable<Installation> OwnedInstallations(PortalDbContext db, Actor integrator) =>
        db.Installations.AsNoTracking().Where(i => i.Integration!.OwnerId == integrator.UserId);

    private static async Task<AccessKey> FindOwnedAsync(PortalDbContext db, Actor integrator, string accessKeyId, CancellationToken ct)
    {
        if (!Guid.TryParseExact(accessKeyId, "D", out var id))
        {
            throw new NotFoundException("access key");
        }

        return await db.AccessKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.PublicId == id && k.Installation!.Integration!.OwnerId == integrator.UserId, ct)
            ?? throw new NotFoundException("access key"); // another integrator's key is not revealed
    }

    private static void RequireIntegrator(Actor actor)
    {
        if (actor.Role != ActorRole.Integrator)
        {
            throw new ForbiddenException("Only the integrator who owns an integration manages its installations' access keys.");
        }
    }

    private sealed record PresentedKey(long Id, Guid PublicId, DateTime? LastActiveAt, string InstallationId);

    private static AccessKeyData ToData(AccessKey k) => new(k.PublicId, Obfuscate(k.LastFour), k.LastActiveAt, k.CreatedAt);
}
