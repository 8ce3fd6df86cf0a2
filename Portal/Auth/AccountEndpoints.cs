using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Auth;

/// <summary>The sign-in and sign-out endpoints the pages post to (anti-forgery is checked on every form post).</summary>
internal static class AccountEndpoints
{
    public const string DevSignInPage = "/signin";
    public const string SignInPath = "/account/signin";
    public const string DevSignInPath = "/account/dev-signin";
    public const string SignOutPath = "/account/signout";
    public const string NoRolePage = "/account/no-role";
    public const string SignedOutPage = "/account/signed-out";
    public const string ReturnUrlParameter = "returnUrl";

    public static void MapPortalAccount(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<SignInMode>();
        // Browser endpoints, not part of the REST API: kept out of the OpenAPI document.
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();

        // Starts a sign-in: the provider's page with OpenID Connect, else the development personas.
        account.MapGet("/signin", (HttpContext http, string? returnUrl) =>
        {
            var target = SafeReturnUrl(returnUrl);
            return mode.UsesOidc
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.LocalRedirect($"{DevSignInPage}?{ReturnUrlParameter}={Uri.EscapeDataString(target)}");
        });

        if (!mode.UsesOidc)
        {
            account.MapPost("/dev-signin", async (HttpContext http, [FromForm] string? persona, [FromForm] string? returnUrl) =>
            {
                var chosen = DevelopmentPersonas.Find(persona);
                if (chosen is null)
                {
                    return Results.LocalRedirect(DevSignInPage);
                }

                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, chosen.ToPrincipal());
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            });
        }

        if (mode.UsesOidc)
        {
            app.MapBackChannelLogout();
        }

        account.MapPost("/signout", async (HttpContext http, [FromForm] string? returnUrl) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (mode.UsesOidc)
            {
                // Ends the session at the provider too; it sends the browser back to the signed-out page.
                return Results.SignOut(
                    new AuthenticationProperties { RedirectUri = SignedOutPage },
                    [OpenIdConnectDefaults.AuthenticationScheme]);
            }

            return Results.LocalRedirect(SignedOutPage);
        });
    }

    /// <summary>
    /// Only a path of this site is followed after sign-in (no open redirect); anything else goes home. The path
    /// comes back percent-encoded (/é → /%C3%A9), because a Location header may hold only ASCII.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl)
            || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
            || returnUrl.Any(char.IsControl)
            || !Uri.TryCreate(LocalBase, returnUrl, out var resolved)
            || !string.Equals(resolved.Authority, LocalBase.Authority, StringComparison.Ordinal)
            || resolved.Scheme != LocalBase.Scheme)
        {
            return "/";
        }

        var local = resolved.PathAndQuery + resolved.Fragment;
        return local.StartsWith("//", StringComparison.Ordinal) || local.Any(c => c > 0x7E) ? "/" : local;
    }

    private static readonly Uri LocalBase = new("http://portal.invalid/");
}
