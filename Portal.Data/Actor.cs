namespace Portal.Data;

/// <summary>
/// Who is acting. Every service call names one; there is no ambient user. Three kinds: an integrator, a tenant
/// (a farm business), or an installation (a script holding one of an installation's access keys).
/// </summary>
public sealed record Actor(string UserId, ActorRole Role)
{
    /// <summary>The person's display name (portal), or the API token's label; "" when unknown.</summary>
    public string Name { get; init; } = "";

    /// <summary>How the caller arrived: a signed-in person, an API token, or an access key.</summary>
    public ActorCredential Via { get; init; } = ActorCredential.User;

    /// <summary>The presenting access key, for an installation; null for everyone else.</summary>
    public Guid? AccessKeyId { get; init; }

    public static Actor Integrator(string userId, string name = "") => new(userId, ActorRole.Integrator) { Name = name };

    public static Actor Tenant(string userId, string name = "") => new(userId, ActorRole.Tenant) { Name = name };

    /// <summary>UserId is the installation's cloud id (inst_…); AccessKeyId the presenting key.</summary>
    public static Actor Installation(string installationId, Guid accessKeyId) =>
        new(installationId, ActorRole.Installation) { Via = ActorCredential.AccessKey, AccessKeyId = accessKeyId };
}

public enum ActorRole
{
    Integrator,
    Tenant,
    Installation,
}

public enum ActorCredential
{
    User,
    ApiToken,
    AccessKey,
}
