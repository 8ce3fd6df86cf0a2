using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Portal.Auth;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Tokens;

namespace Portal.Api;

/// <summary>
/// API tokens and installations' access keys: "Authorization: Bearer &lt;secret&gt;", or HTTP Basic with the secret as
/// user name and an empty password (Gestal's access-key convention). A token (gcp_…) makes an integrator or a tenant;
/// an access key (ak_…) makes an installation. Never logs the secret.
/// </summary>
internal sealed class ApiCredentials(ApiTokenService tokens, AccessKeyService accessKeys)
{
    /// <summary>The request's credential: success with its principal, no result without one, failure for a bad one.</summary>
    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context)
    {
        string header = context.Request.Headers.Authorization.ToString();
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
            ? await AuthenticateAccessKeyAsync(secret, context.RequestAborted)
            : await AuthenticateTokenAsync(secret, context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The API token or access key is unknown, revoked or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, PortalSchemes.ApiToken));
    }

    private async Task<ApiPrincipal?> AuthenticateTokenAsync(string secret, CancellationToken ct)
    {
        var identity = await tokens.AuthenticateAsync(secret, ct);
        return identity is null ? null : Principals.Of(identity, static i => new ApiPrincipal(i.TokenId,
            new Claim(PortalClaims.UserId, i.UserId),
            new Claim(PortalClaims.Role, PortalClaims.RoleName(i.Role)),
            new Claim(PortalClaims.Name, i.Name ?? ""),
            new Claim(PortalClaims.TokenId, i.TokenId)));
    }

    private async Task<ApiPrincipal?> AuthenticateAccessKeyAsync(string secret, CancellationToken ct)
    {
        var identity = await accessKeys.AuthenticateAsync(secret, ct);
        return identity is null ? null : Principals.Of(identity, static i => new ApiPrincipal("ak:" + i.AccessKeyId,
            new Claim(PortalClaims.UserId, i.InstallationId),
            new Claim(PortalClaims.Role, PortalClaims.InstallationRole),
            new Claim(PortalClaims.AccessKeyId, i.AccessKeyId.ToString())));
    }

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
    /// credential has no identity at all (the services answer null). Nothing changes a principal once made. The API
    /// has one scheme, so the identity alone is the key.
    /// </summary>
    private static class Principals
    {
        private const int Capacity = 10_000;
        private static readonly ConcurrentDictionary<object, ApiPrincipal> Made = new();

        public static ApiPrincipal Of<TIdentity>(TIdentity identity, Func<TIdentity, ApiPrincipal> make)
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

            return Made.GetOrAdd(identity, make(identity));
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
}

/// <summary>
/// A principal the API's credentials made (one per identity, shared by its requests): its actor and its rate-limit
/// partition are read from its claims once, when it is made, instead of on every request.
/// </summary>
internal sealed class ApiPrincipal : ClaimsPrincipal
{
    public ApiPrincipal(string rateLimitKey, params Claim[] claims)
        : base(new ClaimsIdentity(claims, PortalSchemes.ApiToken, PortalClaims.Name, PortalClaims.Role))
    {
        RateLimitKey = rateLimitKey;
        Actor = PortalClaims.ActorOfClaims(this);
    }

    public Actor Actor { get; }

    /// <summary>The credential's rate-limit window: the token's id (tok_…), or "ak:" and the access key's id.</summary>
    public string RateLimitKey { get; }

    /// <summary>Policies this principal was authorized against, and the answers (see <see cref="PortalPolicyEvaluator"/>).</summary>
    internal ConcurrentDictionary<AuthorizationPolicy, Task<PolicyAuthorizationResult>> Authorizations { get; } = new();
}

/// <summary>
/// Authentication for every request, run once. Pages: the framework's middleware (the session cookie, OpenID Connect's
/// callbacks). The API: its one scheme, <see cref="ApiCredentials"/>, called directly: the framework's middleware would
/// make a handler for each scheme that may answer a request (OpenID Connect's), one for the default <c>Portal</c>
/// policy scheme and one for the token scheme it forwards to, and then authorization would authenticate the token
/// scheme again (<see cref="PortalPolicyEvaluator"/> takes this result instead).
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>What <c>UseAuthentication</c> marks the pipeline with; unmarked, WebApplication adds its own at the front.</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static void UsePortalAuthentication(this WebApplication app)
    {
        var credentials = app.Services.GetRequiredService<ApiCredentials>();
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        app.Use(next =>
        {
            var pages = new AuthenticationMiddleware(next, schemes);
            return context => ApiProblems.IsApiPath(context) ? AuthenticateAsync(context, credentials, next) : pages.Invoke(context);
        });
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
    }

    private static async Task AuthenticateAsync(HttpContext context, ApiCredentials credentials, RequestDelegate next)
    {
        var feature = new Authenticated(await credentials.AuthenticateAsync(context)); // the user: the result's principal, if any
        context.Features.Set<IAuthenticateResultFeature>(feature);
        context.Features.Set<IHttpAuthenticationFeature>(feature);
        await next(context);
    }

    /// <summary>The result of the API's scheme for this request (as the framework's middleware keeps it), and the user.</summary>
    internal sealed class Authenticated(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private ClaimsPrincipal? _user = result.Principal;

        /// <summary>What the API's scheme answered for this request, whatever authorization did with the user since.</summary>
        public AuthenticateResult SchemeResult { get; } = result;

        public AuthenticateResult? AuthenticateResult { get; set; } = result;

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                AuthenticateResult = null;
            }
        }
    }
}

/// <summary>
/// The authorization middleware's policy evaluator, made once for the process (the framework's is made per request, with
/// the authorization service and its handlers; none of them keeps state). Every API policy names the API's scheme,
/// which the framework's evaluator authenticates again for each request (a second handler, a merged copy of the
/// principal); the request was authenticated with that very scheme by <see cref="ApiAuthentication"/>, so its result is
/// taken as the framework would have taken the scheme's: the principal on success, an anonymous user otherwise.
/// </summary>
/// <remarks>
/// The API's policies ask only what a principal's claims say (authenticated, has a claim, has a role), and an
/// <see cref="ApiPrincipal"/> is shared by the requests of one identity and never changes: so the framework's answer
/// for one principal and one policy is kept on the principal and given again, as long as the only authorization
/// handler is the framework's own (which lets each such requirement judge itself). A revoked or changed credential
/// has no principal or a new one, so nothing kept outlives it.
/// </remarks>
internal sealed class PortalPolicyEvaluator : IPolicyEvaluator
{
    private const int KeptPerPrincipal = 64;
    private readonly PolicyEvaluator _framework;
    private readonly bool _onlyTheFrameworksHandler;

    public PortalPolicyEvaluator(IAuthorizationService authorization, IEnumerable<IAuthorizationHandler> handlers)
    {
        _framework = new PolicyEvaluator(authorization);
        _onlyTheFrameworksHandler = handlers.All(h => h is PassThroughAuthorizationHandler);
    }

    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (policy.AuthenticationSchemes is not [PortalSchemes.ApiToken]
            || context.Features.Get<IAuthenticateResultFeature>() is not ApiAuthentication.Authenticated { SchemeResult: var result })
        {
            return _framework.AuthenticateAsync(policy, context);
        }

        if (result.Succeeded)
        {
            return Task.FromResult(result);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        return Task.FromResult(AuthenticateResult.NoResult());
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        if (context.User is not ApiPrincipal principal || !authenticationResult.Succeeded || authenticationResult.Principal != principal)
        {
            return _framework.AuthorizeAsync(policy, authenticationResult, context, resource);
        }

        if (principal.Authorizations.TryGetValue(policy, out var kept))
        {
            return kept;
        }

        var answer = _framework.AuthorizeAsync(policy, authenticationResult, context, resource);
        if (answer.IsCompletedSuccessfully && _onlyTheFrameworksHandler && AsksOnlyClaims(policy) && principal.Authorizations.Count < KeptPerPrincipal)
        {
            principal.Authorizations.TryAdd(policy, answer);
        }

        return answer;
    }

    private static bool AsksOnlyClaims(AuthorizationPolicy policy) =>
        policy.Requirements.All(r => r is DenyAnonymousAuthorizationRequirement or ClaimsAuthorizationRequirement or RolesAuthorizationRequirement);
}
