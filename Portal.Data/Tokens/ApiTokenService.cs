using Microsoft.EntityFrameworkCore;
using Portal.Data.Caching;
using Portal.Data.Model;

namespace Portal.Data.Tokens;

/// <summary>A token as it may be shown: never the secret, only its prefix.</summary>
public sealed record ApiTokenInfo(
    string Id,
    string? Name,
    string Prefix,
    ActorRole Role,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt,
    ApiTokenStatus Status);

public enum ApiTokenStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A token just made: the secret is here once and is never stored or shown again.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Secret);

/// <summary>Who a presented token acts for.</summary>
public sealed record TokenIdentity(string TokenId, string UserId, ActorRole Role)
{
    /// <summary>The token's label, or the prefix shown for it when it has none (never the secret).</summary>
    public string? Name { get; init; }
}

/// <summary>
/// API tokens: random secrets with a recognisable prefix, stored only as SHA-256 hashes. A fast hash is right
/// here (not a password hash): the secret has 238 bits of entropy, so there is nothing to brute-force, and every
/// API request must verify one.
/// </summary>
public sealed class ApiTokenService
{
    public const string SecretPrefix = "gcp_";
    public const int NameMaxLength = 80;
    public const int MaxExpiryDays = 366;
    private const int SecretRandomLength = 40;
    private const int ShownPrefixLength = 12;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;

    /// <summary>Presented tokens by hash (never by secret); stale after any commit (see <see cref="DataVersion"/>).</summary>
    private readonly ReadCache<string, ApiToken> _byHash;

    private readonly WriteThrottle<long> _lastUsedWrites;

    internal ApiTokenService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IDataVersion version)
    {
        _dbFactory = dbFactory;
        _time = time;
        _byHash = new ReadCache<string, ApiToken>(version, capacity: 10_000);
        _lastUsedWrites = new WriteThrottle<long>(LastUsedResolution);
    }

    public async Task<CreatedApiToken> CreateAsync(
        string userId, ActorRole role, string? name, int? expiresInDays, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (Integrations.IntegrationRules.CountCharacters(trimmedName) > NameMaxLength)
        {
            errors.Add(new("name", ValidationCodes.TooLong, $"name must be at most {NameMaxLength} characters."));
        }

        if (expiresInDays is < 1 or > MaxExpiryDays)
        {
            errors.Add(new("expires_in_days", ValidationCodes.Invalid, $"expires_in_days must be a whole number from 1 to {MaxExpiryDays}."));
        }

        if (string.IsNullOrWhiteSpace(userId))
        {
            errors.Add(new("user", ValidationCodes.Missing, "user is required."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var secret = SecretPrefix + CloudIds.RandomBase62(SecretRandomLength);
        var now = _time.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            PublicId = "tok_" + CloudIds.RandomBase62(16),
            OwnerId = userId,
            Role = role,
            Name = trimmedName,
            Prefix = secret[..ShownPrefixLength],
            Hash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(ToInfo(token, now), secret);
    }

    /// <summary>The user's tokens, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.OwnerId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
        var now = _time.GetUtcNow().UtcDateTime;
        return tokens.ConvertAll(t => ToInfo(t, now));
    }

    /// <summary>
    /// Revokes a token by its id (tok_…) or by the prefix shown for it. With a user, only that user's tokens are
    /// considered; the operator's command line passes none.
    /// </summary>
    public async Task<ApiTokenInfo> RevokeAsync(string? userId, string idOrPrefix, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.ApiTokens
            .Where(t => (userId == null || t.OwnerId == userId) && (t.PublicId == idOrPrefix || t.Prefix == idOrPrefix))
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            throw new NotFoundException("token");
        }

        if (candidates.Count > 1)
        {
            throw new ConflictException("More than one token has that prefix; revoke it by its id (tok_…).");
        }

        var token = candidates[0];
        var now = _time.GetUtcNow().UtcDateTime;
        token.RevokedAt ??= now;
        await db.SaveChangesAsync(ct);
        return ToInfo(token, now);
    }

    /// <summary>The identity of a presented secret, or null when it is unknown, revoked or expired. Records its use.</summary>
    public async Task<TokenIdentity?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length != SecretPrefix.Length + SecretRandomLength)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await _byHash.GetOrLoadOrNullAsync(hash, (Tokens: this, Hash: hash), static async (s, ct) =>
        {
            await using var db = await s.Tokens._dbFactory.CreateDbContextAsync(ct);
            return await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == s.Hash, ct);
        }, ct);
        var now = _time.GetUtcNow().UtcDateTime;
        if (token is null || StatusOf(token, now) != ApiTokenStatus.Active)
        {
            return null;
        }

        if ((token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution) && _lastUsedWrites.TryClaim(token.Id, now))
        {
            // Coarse on purpose: one write per token every 30 seconds, not one per request. The write makes the cached
            // row stale, so the next request reads the new time.
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new TokenIdentity(token.PublicId, token.OwnerId, token.Role) { Name = token.Name ?? token.Prefix + "…" };
    }

    internal static string Hash(string secret) => SecretHash.Of(secret);

    private static ApiTokenStatus StatusOf(ApiToken token, DateTime now) =>
        token.RevokedAt is not null ? ApiTokenStatus.Revoked
        : token.ExpiresAt <= now ? ApiTokenStatus.Expired
        : ApiTokenStatus.Active;

    private static ApiTokenInfo ToInfo(ApiToken t, DateTime now) =>
        new(t.PublicId, t.Name, t.Prefix, t.Role, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, StatusOf(t, now));
}
