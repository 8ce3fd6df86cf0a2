namespace Portal.Data;

/// <summary>Who is acting. Every service call names one; there is no ambient user.</summary>
public sealed record Actor(string UserId, ActorRole Role)
{
    public static Actor Integrator(string userId) => new(userId, ActorRole.Integrator);

    public static Actor Tenant(string userId) => new(userId, ActorRole.Tenant);
}

public enum ActorRole
{
    Integrator,
    Tenant,
}
