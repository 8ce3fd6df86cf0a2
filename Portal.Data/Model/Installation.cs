namespace Portal.Data.Model;

/// <summary>
/// A farm business. A signed-in tenant has one (by its sign-in's sub); every integrator has at most one sandbox
/// tenant for its test site.
/// </summary>
internal sealed class Tenant
{
    public long Id { get; set; }
    public required string CloudId { get; set; }

    /// <summary>The sign-in's "sub"; null for an integrator's sandbox tenant.</summary>
    public string? UserId { get; set; }

    /// <summary>The integrator whose test tenant this is; null for a real tenant.</summary>
    public string? SandboxOwnerId { get; set; }
    public required string Name { get; set; }

    /// <summary>Upper-cased invariantly, for searching by name.</summary>
    public required string NormalizedName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Site> Sites { get; set; } = [];
}

/// <summary>One farm site of a tenant.</summary>
internal sealed class Site
{
    public long Id { get; set; }
    public required string CloudId { get; set; }
    public long TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public required string Name { get; set; }

    /// <summary>Trimmed, upper-cased invariantly: the key of the per-tenant uniqueness rule.</summary>
    public required string NormalizedName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Installation> Installations { get; set; } = [];
}

/// <summary>One integration installed by a tenant on one of its sites; at most one per (integration, site).</summary>
internal sealed class Installation
{
    public long Id { get; set; }
    public required string CloudId { get; set; }
    public long IntegrationId { get; set; }
    public Integration? Integration { get; set; }
    public long SiteId { get; set; }
    public Site? Site { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when created and when its site or its tenant is renamed (the integrator's list sorts by it).</summary>
    public DateTime UpdatedAt { get; set; }

    public List<AccessKey> AccessKeys { get; set; } = [];
}

/// <summary>A key that authenticates as an installation. Only its SHA-256 hash and its last four characters are kept.</summary>
internal sealed class AccessKey
{
    public long Id { get; set; }
    public Guid PublicId { get; set; }
    public long InstallationId { get; set; }
    public Installation? Installation { get; set; }

    /// <summary>SHA-256 of the secret, lower-case hex.</summary>
    public required string Hash { get; set; }
    public required string LastFour { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastActiveAt { get; set; }
}
