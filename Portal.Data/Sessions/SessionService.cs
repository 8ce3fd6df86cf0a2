using Microsoft.EntityFrameworkCore;
using Portal.Data.Model;

namespace Portal.Data.Sessions;

/// <summary>
/// Server-side sign-in sessions. The cookie holds only a random secret (sealed by data protection); the session
/// record says whether it is still good. Ending a record ends the session in every request and every open circuit,
/// on every node that shares the database.
/// </summary>
public sealed class SessionService
{
    public const string SecretPrefix = "pss_";
    private const int SecretRandomLength = 40;
    private const int DeviceMaxLength = 120;

    private readonly IDbContextFactory<PortalDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly SessionLifetimeOptions _options;

    internal SessionService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, SessionLifetimeOptions options)
    {
        _dbFactory = dbFactory;
        _time = time;
        _options = options;
    }

    public TimeSpan AbsoluteLifetime => _options.AbsoluteLifetime;

    /// <summary>Starts a session at sign-in and remembers the user's display name (the catalog shows it).</summary>
    public async Task<StartedSession> StartAsync(SessionStart start, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(start.UserId);
        var now = Now();
        var secret = SecretPrefix + CloudIds.RandomBase62(SecretRandomLength);
        var session = new UserSession
        {
            PublicId = "ses_" + CloudIds.RandomBase62(16),
            SecretHash = Hash(secret),
            UserId = start.UserId,
            DisplayName = Clean(start.DisplayName, 200) ?? start.UserId,
            Role = start.Role,
            Device = DeviceNames.Describe(start.UserAgent),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + _options.AbsoluteLifetime,
            ProviderIssuer = string.IsNullOrEmpty(start.ProviderIssuer) ? null : start.ProviderIssuer,
            ProviderSessionId = string.IsNullOrEmpty(start.ProviderSessionId) ? null : start.ProviderSessionId,
        };
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        db.Sessions.Add(session);
        var person = await db.People.SingleOrDefaultAsync(p => p.UserId == start.UserId, ct);
        if (person is null)
        {
            db.People.Add(new Person { UserId = start.UserId, Name = session.DisplayName, Role = start.Role, UpdatedAt = now });
        }
        else
        {
            person.Name = session.DisplayName;
            person.Role = start.Role;
            person.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return new StartedSession(ToInfo(session), secret);
    }

    /// <summary>
    /// The session a cookie's secret names, if it is still active (not ended, not past its absolute lifetime);
    /// notes that it was seen, at most once per <see cref="SessionLifetimeOptions.LastSeenResolution"/>.
    /// </summary>
    public async Task<SessionInfo?> ValidateAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var hash = Hash(secret);
        var now = Now();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.SecretHash == hash && s.EndedAt == null && s.ExpiresAt > now, ct);
        if (session is null)
        {
            return null;
        }

        if (now - session.LastSeenAt >= _options.LastSeenResolution)
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            session.LastSeenAt = now;
        }

        return ToInfo(session);
    }

    /// <summary>Whether the session is still active, without noting a visit (open circuits ask this often).</summary>
    public async Task<bool> IsActiveAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var hash = Hash(secret);
        var now = Now();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.Sessions.AnyAsync(s => s.SecretHash == hash && s.EndedAt == null && s.ExpiresAt > now, ct);
    }

    /// <summary>The user's active sessions, the most recently seen first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListActiveAsync(string userId, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .ToListAsync(ct);
        return sessions.ConvertAll(ToInfo);
    }

    /// <summary>The public id of the session a cookie's secret names (to mark "this session" in the list).</summary>
    public async Task<string?> IdOfAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.Sessions.Where(s => s.SecretHash == hash).Select(s => s.PublicId).SingleOrDefaultAsync(ct);
    }

    /// <summary>Sign-out: ends the session the cookie's secret names. Ending an ended session changes nothing.</summary>
    public async Task EndBySecretAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        var hash = Hash(secret);
        await EndWhereAsync(s => s.SecretHash == hash, ct);
    }

    /// <summary>The user ends one of their own sessions by its public id; another user's id is not found.</summary>
    public async Task EndAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var exists = await db.Sessions.AnyAsync(s => s.UserId == userId && s.PublicId == sessionId, ct);
        if (!exists)
        {
            throw new NotFoundException("session");
        }

        await EndWhereAsync(s => s.UserId == userId && s.PublicId == sessionId, ct);
    }

    /// <summary>"Sign out everywhere else": every active session of the user but the one named. Returns how many ended.</summary>
    public Task<int> EndOthersAsync(string userId, string keepSessionId, CancellationToken ct = default) =>
        EndWhereAsync(s => s.UserId == userId && s.PublicId != keepSessionId, ct);

    /// <summary>
    /// Provider-initiated logout (front- or back-channel) for one provider session: both the issuer and the
    /// provider's session id must match. Returns how many portal sessions ended.
    /// </summary>
    public Task<int> EndByProviderSessionAsync(string issuer, string providerSessionId, CancellationToken ct = default) =>
        string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(providerSessionId)
            ? Task.FromResult(0)
            : EndWhereAsync(s => s.ProviderIssuer == issuer && s.ProviderSessionId == providerSessionId, ct);

    /// <summary>Back-channel logout naming only the user ("sub"): every session of that user from that issuer.</summary>
    public Task<int> EndByProviderSubjectAsync(string issuer, string subject, CancellationToken ct = default) =>
        string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject)
            ? Task.FromResult(0)
            : EndWhereAsync(s => s.ProviderIssuer == issuer && s.UserId == subject, ct);

    private async Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, CancellationToken ct)
    {
        var now = Now();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.Sessions.Where(which).Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    internal static string Hash(string secret) => SecretHash.Of(secret);

    private static string? Clean(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned.Length > maxLength ? cleaned[..maxLength] : cleaned;
    }

    private DateTime Now()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static SessionInfo ToInfo(UserSession s) => new(s.PublicId, s.Device, s.CreatedAt, s.LastSeenAt, s.ExpiresAt);

    /// <summary>A short, human name for a browser from its User-Agent, e.g. "Firefox on Windows".</summary>
    internal static class DeviceNames
    {
        public static string Describe(string? userAgent)
        {
            var ua = Clean(userAgent, 1000);
            if (ua is null)
            {
                return "Unknown browser";
            }

            string? browser =
                ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
                : ua.Contains("OPR/", StringComparison.Ordinal) ? "Opera"
                : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
                : ua.Contains("HeadlessChrome/", StringComparison.Ordinal) ? "Headless Chrome"
                : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
                : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
                : null;
            string? system =
                ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
                : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
                : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
                : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
                : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
                : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
                : null;
            return (browser, system) switch
            {
                (not null, not null) => $"{browser} on {system}",
                (not null, null) => browser,
                (null, not null) => $"A browser on {system}",
                _ => ua.Length > DeviceMaxLength ? ua[..DeviceMaxLength] + "…" : ua,
            };
        }
    }
}
