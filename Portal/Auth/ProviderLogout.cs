using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Portal.Data.Sessions;

namespace Portal.Auth;

/// <summary>
/// Logout that the OpenID provider starts. Front-channel (<c>GET /signout-oidc?iss=…&amp;sid=…</c>, in a hidden
/// frame of the provider's page) and back-channel (<c>POST /signout-backchannel-oidc</c> with a signed
/// <c>logout_token</c>) both end the portal sessions of that provider session, everywhere, and only with a
/// matching issuer and session id: a bare link to /signout-oidc signs nobody out.
/// </summary>
internal static class ProviderLogout
{
    public const string FrontChannelPath = "/signout-oidc";
    public const string BackChannelPath = "/signout-backchannel-oidc";
    private const string BackChannelEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>Replaces the handler's own remote sign-out, which clears the cookie when the request names no session.</summary>
    public static async Task FrontChannelAsync(RemoteSignOutContext context)
    {
        var message = context.ProtocolMessage;
        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var response = context.Response;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
        if (string.IsNullOrEmpty(message?.Iss) || string.IsNullOrEmpty(message.Sid)
            || !string.Equals(message.Iss, configuration.Issuer, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("A front-channel logout must name the provider (iss) and its session (sid).");
        }
        else
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
            await sessions.EndByProviderSessionAsync(message.Iss, message.Sid, context.HttpContext.RequestAborted);
            response.StatusCode = StatusCodes.Status200OK;
        }

        context.HandleResponse();
    }

    public static void MapBackChannelLogout(this WebApplication app)
    {
        app.MapPost(BackChannelPath, async (HttpContext http, IOptionsMonitor<OpenIdConnectOptions> oidc, SessionService sessions) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (!http.Request.HasFormContentType)
            {
                return Invalid("Send logout_token as application/x-www-form-urlencoded.");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var token = form["logout_token"].ToString();
            if (token.Length == 0)
            {
                return Invalid("logout_token is required.");
            }

            var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = options.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
                RequireExpirationTime = false, // logout tokens need iat, not exp
                ValidateLifetime = true,
            });
            if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            {
                return Invalid("logout_token is not a valid token from this portal's provider.");
            }

            var sid = jwt.TryGetPayloadValue<string>("sid", out var s) ? s : null;
            var sub = jwt.TryGetPayloadValue<string>("sub", out var u) ? u : null;
            if (!HasLogoutEvent(jwt) || jwt.TryGetPayloadValue<object>("nonce", out _) || (sid is null && sub is null))
            {
                return Invalid("logout_token must carry the back-channel logout event, a sid or a sub, and no nonce.");
            }

            _ = sid is not null
                ? await sessions.EndByProviderSessionAsync(jwt.Issuer, sid, http.RequestAborted)
                : await sessions.EndByProviderSubjectAsync(jwt.Issuer, sub!, http.RequestAborted);
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static bool HasLogoutEvent(JsonWebToken jwt)
    {
        if (!jwt.TryGetClaim("events", out var claim))
        {
            return false;
        }

        try
        {
            using var events = JsonDocument.Parse(claim.Value);
            return events.RootElement.ValueKind == JsonValueKind.Object
                && events.RootElement.TryGetProperty(BackChannelEvent, out var value)
                && value.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult Invalid(string description) =>
        Results.Json(new { error = "invalid_request", error_description = description }, statusCode: StatusCodes.Status400BadRequest);
}
