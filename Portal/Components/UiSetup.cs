using Microsoft.AspNetCore.Authorization;
using MudBlazor;
using MudBlazor.Services;
using Portal.Auth;

namespace Portal.Components;

/// <summary>The Blazor Server portal: components, MudBlazor, sign-in endpoints, the API reference, security headers.</summary>
internal static class UiSetup
{
    /// <summary>Where the interactive API reference (swagger-ui, served from the Swashbuckle package) lives.</summary>
    public const string SwaggerUiPath = "api-reference/ui";

    public static void AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, OtherRolePageHandler>();
        builder.Services.AddScoped<Layout.Overlays>();
        builder.Services.AddScoped<Layout.RememberedTheme>();
        builder.Services.AddScoped<Layout.PageFocus>();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.PreventDuplicates = true;
        });
    }

    /// <summary>Headers on every response, pages and API alike. Blazor Server and MudBlazor work under this policy.</summary>
    public static void UsePortalSecurityHeaders(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<SignInMode>();
        var csp = ContentSecurityPolicy(mode.UsesOidc ? mode.Authority : null);
        // One callback for every response (the context is its state): no closure per request. On starting, not now:
        // an exception handler clears the headers of a response it takes over.
        Func<object, Task> write = state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "SAMEORIGIN";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        };
        app.Use((context, next) =>
        {
            context.Response.OnStarting(write, context);
            return next(context);
        });
    }

    /// <summary>
    /// 'self' everywhere; inline styles only because MudBlazor sets style attributes; no inline or eval'd script
    /// (the template's import map is left out for that reason). The form-action source lets sign-out's redirect
    /// reach the OpenID Connect provider.
    /// </summary>
    internal static string ContentSecurityPolicy(string? oidcAuthority)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(oidcAuthority, UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'self'",
            "base-uri 'self'",
            $"form-action {formAction}");
    }

    public static void MapPortalUi(this WebApplication app)
    {
        app.MapPortalAccount();

        // swagger-ui's assets come embedded in the Swashbuckle package: nothing is fetched from a CDN.
        app.MapSwaggerUI("/" + SwaggerUiPath, options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Gestal Cloud developer portal API v1");
            options.DocumentTitle = "API reference · Gestal Cloud developer portal";
            options.EnableTryItOutByDefault();
            options.DisplayRequestDuration();
            // swagger-ui's own colours and its unlabelled server list fail axe; these two files fix them.
            options.InjectStylesheet("/swagger-ui-a11y.css");
            options.InjectJavascript("/js/swagger-ui-a11y.js");
        }).RequireAuthorization();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
