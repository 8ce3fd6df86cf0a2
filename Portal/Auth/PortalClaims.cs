using System.Security.Claims;
using Portal.Data;

namespace Portal.Auth;

/// <summary>
/// The claims every way of signing in (OpenID Connect, development personas, API tokens) puts on the user,
/// so that pages and the API read one shape.
/// </summary>
public static class PortalClaims
{
    /// <summary>The user id that owns integrations and tokens: the OpenID Connect "sub".</summary>
    public const string UserId = "sub";

    /// <summary>"integrator" or "tenant".</summary>
    public const string Role = ClaimTypes.Role;

    public const string Name = "name";

    /// <summary>Present only when the request was made with an API token: its public id (tok_…).</summary>
    public const string TokenId = "token_id";

    public const string IntegratorRole = "integrator";
    public const string TenantRole = "tenant";

    public static string RoleName(ActorRole role) => role == ActorRole.Tenant ? TenantRole : IntegratorRole;

    /// <summary>The actor for service calls; throws when the principal is not signed in as a portal user.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(UserId)
            ?? throw new InvalidOperationException("The user has no 'sub' claim; is the request authenticated?");
        return new Actor(id, user.IsInRole(TenantRole) ? ActorRole.Tenant : ActorRole.Integrator);
    }
}

public static class PortalPolicies
{
    /// <summary>Integrators only (tenants get a clear "not allowed" page or a 403).</summary>
    public const string Integrator = "integrator";

    /// <summary>Tenants only (farm sites, their installations); integrators get a clear "not allowed" page.</summary>
    public const string Tenant = "tenant";

    /// <summary>Anyone signed in, integrator or tenant.</summary>
    public const string SignedIn = "signed-in";
}

public static class PortalSchemes
{
    /// <summary>API tokens (Bearer, or Basic with the token as user name); used for every path under /api.</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>The default scheme: forwards /api to <see cref="ApiToken"/> and everything else to the cookie.</summary>
    public const string Portal = "Portal";
}
