using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.Auth;

/// <summary>
/// Authentication:Oidc — the OpenID Connect provider the portal signs people in with (authorization code + PKCE),
/// and which claim and values make a user an integrator or a tenant.
/// </summary>
internal sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string RoleClaim { get; init; } = "role";
    public string IntegratorRoleValue { get; init; } = PortalClaims.IntegratorRole;
    public string TenantRoleValue { get; init; } = PortalClaims.TenantRole;

    /// <summary>False only for a provider on loopback http in tests; a real provider is always https.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public static OidcSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OidcSettings>() ?? new OidcSettings();

    public void Validate()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{Section}:Authority must be the absolute https URL of the OpenID Connect provider.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new InvalidOperationException($"{Section}:ClientId must be set when {Section}:Authority is (env Authentication__Oidc__ClientId).");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim) || string.IsNullOrWhiteSpace(IntegratorRoleValue) || string.IsNullOrWhiteSpace(TenantRoleValue))
        {
            throw new InvalidOperationException($"{Section}:RoleClaim, IntegratorRoleValue and TenantRoleValue must not be empty.");
        }
    }

    public void Apply(OpenIdConnectOptions options)
    {
        options.Authority = Authority;
        options.ClientId = ClientId;
        options.ClientSecret = string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret;
        options.RequireHttpsMetadata = RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        // Keeps the id_token so that sign-out can name the session at the provider (id_token_hint).
        options.SaveTokens = true;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        // The handler drops "iss" and "sid" by default; provider-initiated logout names the session by them.
        options.ClaimActions.Remove("iss");
        options.ClaimActions.Remove("sid");
        options.ClaimActions.MapJsonKey(RoleClaim, RoleClaim);
        options.ClaimActions.MapUniqueJsonKey("email", "email");
        options.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
        options.SignedOutRedirectUri = AccountEndpoints.SignedOutPage;
        options.Events.OnTicketReceived = context =>
        {
            context.Principal = ToPortalPrincipal(context.Principal!);
            return Task.CompletedTask;
        };
        options.RemoteSignOutPath = ProviderLogout.FrontChannelPath;
        options.Events.OnRemoteSignOut = ProviderLogout.FrontChannelAsync;
    }

    /// <summary>
    /// The provider's claims as the portal's: sub, one role ("integrator" wins when both are given), and a name.
    /// A user with neither role value is signed in without a role and is shown the "no portal role" page.
    /// </summary>
    public ClaimsPrincipal ToPortalPrincipal(ClaimsPrincipal external)
    {
        var sub = external.FindFirstValue("sub")
            ?? throw new InvalidOperationException("The OpenID Connect provider sent no 'sub' claim.");
        var roleValues = external.FindAll(RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        string? role = roleValues.Contains(IntegratorRoleValue) ? PortalClaims.IntegratorRole
            : roleValues.Contains(TenantRoleValue) ? PortalClaims.TenantRole
            : null;
        var name = new[] { "name", "email", "preferred_username" }
            .Select(external.FindFirstValue)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? sub;

        var identity = new ClaimsIdentity(OpenIdConnectDefaults.AuthenticationScheme, PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.UserId, sub));
        identity.AddClaim(new Claim(PortalClaims.Name, name));
        if (role is not null)
        {
            identity.AddClaim(new Claim(PortalClaims.Role, role));
        }

        // Kept so that the provider's logout (front- or back-channel) can name this session: see ProviderLogout.
        var issuer = external.FindFirstValue("iss") ?? external.FindFirst("sub")?.Issuer;
        if (!string.IsNullOrEmpty(issuer) && issuer != ClaimsIdentity.DefaultIssuer)
        {
            identity.AddClaim(new Claim(SessionClaims.ProviderIssuer, issuer));
        }

        if (external.FindFirstValue("sid") is { Length: > 0 } sid)
        {
            identity.AddClaim(new Claim(SessionClaims.ProviderSessionId, sid));
        }

        return new ClaimsPrincipal(identity);
    }
}
