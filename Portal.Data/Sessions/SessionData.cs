namespace Portal.Data.Sessions;

/// <summary>What sign-in knows about the user and the browser when it starts a session.</summary>
public sealed record SessionStart(
    string UserId,
    string DisplayName,
    string? Role,
    string? UserAgent,
    string? ProviderIssuer = null,
    string? ProviderSessionId = null);

/// <summary>A session just started: <see cref="Secret"/> goes into the cookie and is never stored.</summary>
public sealed record StartedSession(SessionInfo Info, string Secret);

/// <summary>A session as its user may see it.</summary>
public sealed record SessionInfo(
    string Id,
    string Device,
    DateTime CreatedAt,
    DateTime LastSeenAt,
    DateTime ExpiresAt);

/// <summary>Portal:Sessions — how long a session may live at most, however often it is used.</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Portal:Sessions";

    public static readonly TimeSpan DefaultAbsoluteLifetime = TimeSpan.FromDays(7);

    /// <summary>From sign-in to the forced end of the session, whatever the activity. Default 7 days.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = DefaultAbsoluteLifetime;

    /// <summary>"Last seen" is written at most this often per session, so that a page view is not a write.</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);
}
