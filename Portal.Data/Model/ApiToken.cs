namespace Portal.Data.Model;

internal sealed class ApiToken
{
    public long Id { get; set; }

    /// <summary>Public id of the token (tok_…), safe to show and to pass to "tokens revoke".</summary>
    public required string PublicId { get; set; }
    public required string OwnerId { get; set; }
    public ActorRole Role { get; set; }
    public string? Name { get; set; }

    /// <summary>The first characters of the secret, shown so a person can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the secret, lower-case hex. The secret itself is never stored.</summary>
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

internal sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Key { get; set; }
    public required string RequestFingerprint { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public DateTime CreatedAt { get; set; }
}
