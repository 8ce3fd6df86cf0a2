using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Auth;

/// <summary>Sign-in for pages (OpenID Connect, or development personas) and the policies pages and API use.</summary>
internal static class AuthenticationSetup
{
    public static void AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.SignedIn, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.UserId))
            .AddPolicy(PortalPolicies.Integrator, p => p.RequireAuthenticatedUser().RequireRole(PortalClaims.IntegratorRole));
        builder.Services.AddCascadingAuthenticationState();
    }
}
