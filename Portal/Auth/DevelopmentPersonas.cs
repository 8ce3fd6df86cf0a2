using System.Security.Claims;

namespace Portal.Auth;

/// <summary>A demo user of the development sign-in (offered only in Development with no OpenID Connect provider).</summary>
internal sealed record DevelopmentPersona(string UserId, string Name, string Role, string Description)
{
    public ClaimsPrincipal ToPrincipal()
    {
        var identity = new ClaimsIdentity("Development", PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.UserId, UserId));
        identity.AddClaim(new Claim(PortalClaims.Name, Name));
        identity.AddClaim(new Claim(PortalClaims.Role, Role));
        return new ClaimsPrincipal(identity);
    }
}

internal static class DevelopmentPersonas
{
    /// <summary>Two integrators, so that one cannot see the other's integrations, and one tenant.</summary>
    public static IReadOnlyList<DevelopmentPersona> All { get; } =
    [
        new("dev-acme", "Acme Farms Software", PortalClaims.IntegratorRole, "Integrator: builds and manages integrations."),
        new("dev-globex", "Globex Agritech", PortalClaims.IntegratorRole, "A second integrator, to see that integrators only see their own."),
        new("dev-hillside", "Hillside Pig Farm", PortalClaims.TenantRole, "Tenant (a farm): browses the catalog."),
    ];

    public static DevelopmentPersona? Find(string? userId) => All.FirstOrDefault(p => p.UserId == userId);
}
