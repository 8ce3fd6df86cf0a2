namespace Portal.Data.Model;

/// <summary>A signed-in browser: the cookie carries a secret whose hash is <see cref="SecretHash"/>.</summary>
internal sealed class UserSession
{
    public long Id { get; set; }

    /// <summary>Public id (ses_…), safe to show and to name the session in "Sign out" on the sessions list.</summary>
    public required string PublicId { get; set; }

    /// <summary>SHA-256 of the secret in the cookie, lower-case hex. The secret itself is never stored.</summary>
    public required string SecretHash { get; set; }
    public required string UserId { get; set; }
    public required string DisplayName { get; set; }
    public string? Role { get; set; }
    public required string Device { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>The OpenID provider's issuer and session id (id token "iss" and "sid"), for provider-initiated logout.</summary>
    public string? ProviderIssuer { get; set; }
    public string? ProviderSessionId { get; set; }
}

/// <summary>Who a user id is, as last seen at sign-in: the catalog names the integrator that publishes each entry.</summary>
internal sealed class Person
{
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public DateTime UpdatedAt { get; set; }
}
