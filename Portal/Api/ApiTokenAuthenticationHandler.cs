using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Auth;
using Portal.Data.Tokens;

namespace Portal.Api;

/// <summary>
/// API tokens: "Authorization: Bearer &lt;token&gt;", or HTTP Basic with the token as user name and an empty password
/// (Gestal's access-key convention). Never logs the token.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    ApiRateLimits rateLimits)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Realm = "Gestal developer portal API";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var value) || string.IsNullOrEmpty(value.Parameter))
        {
            return AuthenticateResult.Fail("The Authorization header is not Bearer or Basic.");
        }

        string? secret;
        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            secret = value.Parameter.Trim();
        }
        else if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            secret = ReadBasicUserName(value.Parameter);
            if (secret is null)
            {
                return AuthenticateResult.Fail("Basic credentials must be the token as user name and an empty password.");
            }
        }
        else
        {
            return AuthenticateResult.Fail("The Authorization header is not Bearer or Basic.");
        }

        var identity = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        var claims = new[]
        {
            new Claim(PortalClaims.UserId, identity.UserId),
            new Claim(PortalClaims.Role, PortalClaims.RoleName(identity.Role)),
            new Claim(PortalClaims.Name, identity.UserId),
            new Claim(PortalClaims.TokenId, identity.TokenId),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, PortalClaims.Name, PortalClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>The user name of Basic credentials whose password is empty; null for anything else.</summary>
    private static string? ReadBasicUserName(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter.Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon != decoded.Length - 1)
            {
                return null;
            }

            return decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

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
        return ApiProblems.WriteAsync(Context, ProblemKind.Forbidden, ApiMessages.TokenForbidden);
    }
}
