namespace Portal.Data.Events;

/// <summary>
/// One change, as stored: written by the service that made the change, in the same transaction. Never holds a secret
/// (no token, key or hash): subjects are named by their public ids, attributes by their shown values.
/// </summary>
internal sealed class ChangeEvent
{
    public long Id { get; set; }

    /// <summary>The integrator the change concerns (the integration's owner); null for a tenant's own site events.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The sign-in "sub" of the tenant the change concerns; null when none (or an integrator's sandbox).</summary>
    public string? TenantUserId { get; set; }

    /// <summary>The integration's cloud id, when the change concerns one; kept after the integration is deleted.</summary>
    public string? IntegrationId { get; set; }

    /// <summary>The integration's name when the change was made, so that the activity page can name a deleted one.</summary>
    public string? IntegrationName { get; set; }

    /// <summary>One of <see cref="EventSubjects"/>.</summary>
    public required string SubjectKind { get; set; }

    /// <summary>The public id of what changed (int_…, inst_…, an access key's UUID, sit_…).</summary>
    public required string SubjectId { get; set; }

    /// <summary>One of <see cref="EventKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The changed attributes as a JSON object, in the resource's attribute order: {"name": [before, after]}.</summary>
    public required string Changes { get; set; }

    /// <summary>"user", "api_token" or "installation".</summary>
    public required string ActorType { get; set; }

    public required string ActorName { get; set; }

    public DateTime CreatedAt { get; set; }
}
