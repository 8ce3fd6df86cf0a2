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

    /// <summary>"integrator", "tenant" or "installation".</summary>
    public const string Role = ClaimTypes.Role;

    /// <summary>The person's display name, or the API token's label.</summary>
    public const string Name = "name";

    /// <summary>Present only when the request was made with an API token: its public id (tok_…).</summary>
    public const string TokenId = "token_id";

    /// <summary>Present only when the request was made with an access key: its id (a UUID).</summary>
    public const string AccessKeyId = "access_key_id";

    public const string IntegratorRole = "integrator";
    public const string TenantRole = "tenant";

    /// <summary>A script holding an installation's access key; its user id is the installation's cloud id.</summary>
    public const string InstallationRole = "installation";

    public static string RoleName(ActorRole role) => role switch
    {
        ActorRole.Integrator => IntegratorRole,
        ActorRole.Tenant => TenantRole,
        ActorRole.Installation => InstallationRole,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a portal role."),
    };

    /// <summary>
    /// The one mapping from claims to the actor for service calls. Fails closed: a principal with no user id, with no
    /// role, with an unknown role or with more than one role is not an actor (it throws), never an integrator by default.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        user is Api.ApiPrincipal api ? api.Actor : ActorOfClaims(user); // an API credential's principal read its claims once

    internal static Actor ActorOfClaims(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(UserId);
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("The user has no 'sub' claim; is the request authenticated?");
        }

        var roles = user.FindAll(Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count != 1)
        {
            throw new InvalidOperationException(roles.Count == 0
                ? "The user has no portal role; it is not an integrator, a tenant or an installation."
                : "The user has more than one portal role.");
        }

        var name = user.FindFirstValue(Name) ?? "";
        var via = user.FindFirstValue(TokenId) is not null ? ActorCredential.ApiToken : ActorCredential.User;
        return roles[0] switch
        {
            IntegratorRole => Actor.Integrator(id, name) with { Via = via },
            TenantRole => Actor.Tenant(id, name) with { Via = via },
            InstallationRole when Guid.TryParse(user.FindFirstValue(AccessKeyId), out var key) => Actor.Installation(id, key),
            InstallationRole => throw new InvalidOperationException("An installation is known only by the access key it presented."),
            var unknown => throw new InvalidOperationException($"'{unknown}' is not a portal role."),
        };
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

    /// <summary>A script authenticated with an installation's access key (the API only).</summary>
    public const string Installation = "installation";

    /// <summary>Any caller of the API: an integrator's or a tenant's API token, or an access key (GET /api/ping).</summary>
    public const string AnyApiCaller = "any-api-caller";
}

public static class PortalSchemes
{
    /// <summary>
    /// API tokens and access keys (Bearer, or Basic with the secret as user name); used for every path under /api.
    /// </summary>
    public const string ApiToken = "ApiToken";

    /// <summary>The default scheme: forwards /api to <see cref="ApiToken"/> and everything else to the cookie.</summary>
    public const string Portal = "Portal";
}
