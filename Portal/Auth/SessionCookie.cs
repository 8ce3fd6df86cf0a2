using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Portal.Data.Sessions;
using Portal.Data.Sites;

namespace Portal.Auth;

/// <summary>Claims the session cookie adds to the portal's own (see <see cref="PortalClaims"/>).</summary>
public static class SessionClaims
{
    /// <summary>The session's secret: the cookie names its server-side session by it (only its hash is stored).</summary>
    public const string Secret = "portal_session";

    /// <summary>The OpenID provider's issuer and session id, kept from the id token for provider-initiated logout.</summary>
    public const string ProviderIssuer = "oidc_iss";

    public const string ProviderSessionId = "oidc_sid";

    public static string? SessionSecret(this ClaimsPrincipal user) => user.FindFirstValue(Secret);
}

/// <summary>
/// Ties the cookie to a server-side session: sign-in starts one and puts its secret in the cookie, every request
/// checks it is still active, sign-out ends it. A copy of the cookie is worth nothing once the session has ended.
/// </summary>
internal static class SessionCookie
{
    public static void Attach(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = async context =>
        {
            if (context.Principal?.Identity is not ClaimsIdentity identity)
            {
                return;
            }

            foreach (var stale in identity.FindAll(SessionClaims.Secret).ToList())
            {
                identity.RemoveClaim(stale);
            }

            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
            var user = context.Principal;
            var started = await sessions.StartAsync(new SessionStart(
                user.FindFirstValue(PortalClaims.UserId) ?? throw new InvalidOperationException("Signing in without a 'sub' claim."),
                user.FindFirstValue(PortalClaims.Name) ?? "",
                user.FindFirstValue(PortalClaims.Role),
                context.HttpContext.Request.Headers.UserAgent.ToString(),
                user.FindFirstValue(SessionClaims.ProviderIssuer),
                user.FindFirstValue(SessionClaims.ProviderSessionId)), context.HttpContext.RequestAborted);
            identity.AddClaim(new Claim(SessionClaims.Secret, started.Secret));
            if (user.IsInRole(PortalClaims.TenantRole))
            {
                // The tenant is named after the sign-in's display name, kept current at every sign-in.
                await context.HttpContext.RequestServices.GetRequiredService<SiteService>()
                    .EnsureTenantAsync(user.ToActor(), [], context.HttpContext.RequestAborted);
            }
        };

        events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
            if (await sessions.ValidateAsync(context.Principal?.SessionSecret(), context.HttpContext.RequestAborted) is null)
            {
                // Ended (sign-out elsewhere, provider logout, absolute lifetime) or never known: the cookie goes too.
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };

        events.OnSigningOut = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
            await sessions.EndBySecretAsync(context.HttpContext.User.SessionSecret(), context.HttpContext.RequestAborted);
        };
    }
}

/// <summary>
/// An open circuit rechecks its session every <see cref="RevalidationInterval"/>: once the session has ended
/// (signed out in another tab, on another device, by the provider), the circuit's user becomes anonymous and
/// the page sends the browser to sign in.
/// </summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, SessionService sessions, SessionRevalidation revalidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillValidAsync(authenticationState, cancellationToken);

    internal async Task<bool> StillValidAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await sessions.IsActiveAsync(state.User.SessionSecret(), ct);
}

/// <summary>Portal:Sessions:RevalidationInterval — how often an open circuit rechecks its session (default 30 s).</summary>
internal sealed record SessionRevalidation(TimeSpan Interval)
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);
}
