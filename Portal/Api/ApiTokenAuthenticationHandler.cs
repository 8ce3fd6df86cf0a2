using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Auth;
using Portal.Data.AccessKeys;
using Portal.Data.Tokens;

namespace Portal.Api;

/// <summary>
/// API tokens and installations' access keys: "Authorization: Bearer &lt;secret&gt;", or HTTP Basic with the secret as
/// user name and an empty password (Gestal's access-key convention). A token (gcp_…) makes an integrator or a tenant;
/// an access key (ak_…) makes an installation. Never logs the secret.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    AccessKeyService accessKeys,
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

        string? secret;
        if (PlainBearer(header) is { } plain)
        {
            secret = plain;
        }
        else if (!AuthenticationHeaderValue.TryParse(header, out var value) || string.IsNullOrEmpty(value.Parameter))
        {
            return AuthenticateResult.Fail("The Authorization header is not Bearer or Basic.");
        }
        else if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
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

        var principal = secret.StartsWith(AccessKeyService.SecretPrefix, StringComparison.Ordinal)
            ? await AuthenticateAccessKeyAsync(secret)
            : await AuthenticateTokenAsync(secret);
        return principal is null
            ? AuthenticateResult.Fail("The API token or access key is unknown, revoked or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private async Task<ClaimsPrincipal?> AuthenticateTokenAsync(string secret)
    {
        var identity = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        return identity is null ? null : Principals.Of(identity, Scheme.Name, static (i, scheme) => Principal(scheme,
            new Claim(PortalClaims.UserId, i.UserId),
            new Claim(PortalClaims.Role, PortalClaims.RoleName(i.Role)),
            new Claim(PortalClaims.Name, i.Name ?? ""),
            new Claim(PortalClaims.TokenId, i.TokenId)));
    }

    private async Task<ClaimsPrincipal?> AuthenticateAccessKeyAsync(string secret)
    {
        var identity = await accessKeys.AuthenticateAsync(secret, Context.RequestAborted);
        return identity is null ? null : Principals.Of(identity, Scheme.Name, static (i, scheme) => Principal(scheme,
            new Claim(PortalClaims.UserId, i.InstallationId),
            new Claim(PortalClaims.Role, PortalClaims.InstallationRole),
            new Claim(PortalClaims.AccessKeyId, i.AccessKeyId.ToString())));
    }

    private static ClaimsPrincipal Principal(string scheme, params Claim[] claims) =>
        new(new ClaimsIdentity(claims, scheme, PortalClaims.Name, PortalClaims.Role));

    /// <summary>
    /// "Bearer " and a secret of letters, digits and underscores only (every token and access key): the secret, read
    /// without <see cref="AuthenticationHeaderValue"/>, which reads it the same. Anything else: null, parsed in full.
    /// </summary>
    internal static string? PlainBearer(string header)
    {
        const string Prefix = "Bearer ";
        if (header.Length <= Prefix.Length || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var secret = header.AsSpan(Prefix.Length);
        foreach (var c in secret)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }

        return secret.ToString();
    }

    /// <summary>
    /// One principal per identity the services hand out, shared by the requests that present it: an identity is a
    /// record of everything its claims say, so an equal one always has the same claims, and a revoked or deleted
    /// credential has no identity at all (the services answer null). Nothing changes a principal once made. This handler
    /// has one scheme, so the identity alone is the key.
    /// </summary>
    private static class Principals
    {
        private const int Capacity = 10_000;
        private static readonly ConcurrentDictionary<object, ClaimsPrincipal> Made = new();

        public static ClaimsPrincipal Of<TIdentity>(TIdentity identity, string scheme, Func<TIdentity, string, ClaimsPrincipal> make)
            where TIdentity : notnull
        {
            if (Made.TryGetValue(identity, out var principal))
            {
                return principal;
            }

            if (Made.Count >= Capacity)
            {
                Made.Clear();
            }

            return Made.GetOrAdd(identity, make(identity, scheme));
        }
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
