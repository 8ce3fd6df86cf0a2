using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Auth;

namespace Portal.Api;

/// <summary>
/// The API's one authentication scheme, as a handler: what it authenticates is <see cref="ApiCredentials"/>' (which the
/// API's requests use directly, once each: <see cref="ApiAuthentication"/>); the handler answers the challenge (401)
/// and the refusal (403) in the API's problem format.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiCredentials credentials,
    ApiRateLimits rateLimits)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Realm = "Gestal developer portal API";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => credentials.AuthenticateAsync(Context);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!await rateLimits.AdmitAsync(Context))
        {
            return; // a 401 is an anonymous request: past the address's limit it is a 429
        }

        Response.Headers.WWWAuthenticate = new[] { $"Bearer realm=\"{Realm}\"", $"Basic realm=\"{Realm}\", charset=\"UTF-8\"" };
        var sent = !string.IsNullOrEmpty(Request.Headers.Authorization.ToString());
        await ApiProblems.WriteAsync(Context, ProblemKind.Unauthorized, sent ? ApiMessages.BadToken : ApiMessages.NoToken);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        rateLimits.AddHeaders(Context);
        return ApiProblems.WriteAsync(Context, ProblemKind.Forbidden, ForbiddenDetail(Context));
    }

    /// <summary>Why the caller may not do this, and what would work instead.</summary>
    internal static string ForbiddenDetail(HttpContext context)
    {
        if (context.User.IsInRole(PortalClaims.InstallationRole))
        {
            return "An access key authenticates as an installation: it may call GET /api/ping and GET /api/integration only. "
                + "Integrations, installations and access keys are managed with an integrator's API token.";
        }

        if (context.Request.Path.StartsWithSegments("/api/integration", StringComparison.OrdinalIgnoreCase, out var rest) && !rest.HasValue)
        {
            return "GET /api/integration answers for an installation: authenticate as an installation with one of its access keys "
                + "(Basic with the key as user name and an empty password, or Bearer), not with an API token.";
        }

        return ApiMessages.TokenForbidden;
    }
}
