using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Auth;

/// <summary>Sign-in for pages (OpenID Connect, or development personas) and the policies pages and API use.</summary>
internal static class AuthenticationSetup
{
    public const string CookieName = "portal.session";

    /// <summary>
    /// Anyone signed in, with or without a portal role. An &lt;AuthorizeView&gt; without a policy applies the default
    /// policy, which requires a role: the no-role page and the app bar name this one instead (else a user without
    /// a role is sent to sign in again, and again).
    /// </summary>
    public const string AnyUserPolicy = "any-signed-in-user";

    public static void AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var oidc = OidcSettings.From(builder.Configuration);
        var mode = ChooseMode(oidc, builder.Environment);
        builder.Services.AddSingleton(new SignInMode(mode == SignInKind.Oidc, oidc.Authority));

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = PortalSchemes.Portal;
        });

        // Pages read the cookie; /api is forwarded to the API token scheme once the API registers it, so a browser
        // session never authenticates an API call and an API call never gets a sign-in redirect.
        authentication.AddPolicyScheme(PortalSchemes.Portal, "Portal", options =>
        {
            options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") && HasApiTokenScheme(context)
                    ? PortalSchemes.ApiToken
                    : CookieAuthenticationDefaults.AuthenticationScheme;
        });

        authentication.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = AccountEndpoints.DevSignInPage;
            options.ReturnUrlParameter = AccountEndpoints.ReturnUrlParameter;
            options.AccessDeniedPath = AccountEndpoints.NoRolePage;
            SessionCookie.Attach(options.Events);
            if (mode == SignInKind.Oidc)
            {
                // Anonymous users go straight to the provider.
                options.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
            }
        });

        if (mode == SignInKind.Oidc)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, options => oidc.Apply(options));
        }

        // Open circuits recheck their session, so that one signed out elsewhere stops acting within the interval.
        var revalidation = builder.Configuration.GetValue<TimeSpan?>("Portal:Sessions:RevalidationInterval") ?? SessionRevalidation.Default;
        builder.Services.AddSingleton(new SessionRevalidation(revalidation));
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();

        var portalUser = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(PortalClaims.UserId)
            .RequireRole(PortalClaims.IntegratorRole, PortalClaims.TenantRole)
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(portalUser)
            .AddPolicy(PortalPolicies.SignedIn, portalUser)
            .AddPolicy(AnyUserPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(PortalPolicies.Integrator, p => p.RequireAuthenticatedUser().RequireRole(PortalClaims.IntegratorRole))
            .AddPolicy(PortalPolicies.Tenant, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.UserId).RequireRole(PortalClaims.TenantRole));
        builder.Services.AddCascadingAuthenticationState();
    }

    private static SignInKind ChooseMode(OidcSettings oidc, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(oidc.Authority))
        {
            oidc.Validate();
            return SignInKind.Oidc;
        }

        if (environment.IsDevelopment())
        {
            return SignInKind.DevelopmentPersonas;
        }

        throw new InvalidOperationException(
            $"Sign-in is not configured for the {environment.EnvironmentName} environment. " +
            "Set Authentication:Oidc:Authority (the OpenID Connect provider's URL), Authentication:Oidc:ClientId and " +
            "Authentication:Oidc:ClientSecret, e.g. as the environment variables Authentication__Oidc__Authority, " +
            "Authentication__Oidc__ClientId and Authentication__Oidc__ClientSecret. The development personas are " +
            "offered only in the Development environment.");
    }

    private static bool HasApiTokenScheme(HttpContext context)
    {
        var schemes = context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        // The default provider answers from memory, so this does not block.
        return schemes.GetSchemeAsync(PortalSchemes.ApiToken).GetAwaiter().GetResult() is not null;
    }

    private enum SignInKind
    {
        DevelopmentPersonas,
        Oidc,
    }
}

/// <summary>How this portal signs people in, for pages and endpoints that differ between the two.</summary>
internal sealed record SignInMode(bool UsesOidc, string? Authority);
