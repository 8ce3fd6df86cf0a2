using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Auth;

namespace Portal.Api;

/// <summary>
/// Rate limits in fixed windows: one window per credential (API token or
/// access key) for authenticated API calls (with the RateLimit-* headers), and one per client address for anonymous
/// requests (pages, sign-in, the OpenAPI document, static files, and the API's 401s, which <see cref="AdmitAsync"/>
/// counts from the challenge). Signed-in users' pages are not limited. The windows are <see cref="FixedWindows"/>,
/// which take no lock: the framework's partitioned limiter takes one, shared by every caller, on every request.
/// </summary>
internal sealed class ApiRateLimits : IDisposable
{
    private const string AddressPrefix = "address:";
    private readonly TimeProvider _clock = TimeProvider.System; // the windows run on real time
    private readonly FixedWindows _windows;
    private readonly string _permitLimitText;

    public ApiRateLimits(IConfiguration configuration)
    {
        PermitLimit = Math.Max(1, configuration.GetValue("Api:RateLimit:PermitLimit", 1200));
        Window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Api:RateLimit:WindowSeconds", 60)));
        AnonymousPermitLimit = Math.Max(1, configuration.GetValue("RateLimit:Anonymous:PermitLimit", 600));
        AnonymousWindow = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("RateLimit:Anonymous:WindowSeconds", 60)));
        _permitLimitText = PermitLimit.ToString(CultureInfo.InvariantCulture);
        _windows = new FixedWindows(_clock, sweepEvery: TimeSpan.FromSeconds(10));
        Limiter = new WindowLimiter(this);
    }

    /// <summary>Anonymous requests a client address may make per <see cref="AnonymousWindow"/>.</summary>
    public int AnonymousPermitLimit { get; }

    public TimeSpan AnonymousWindow { get; }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>
    /// The limit as middleware: a permit from the request's window, or the 429. ASP.NET Core's rate-limiting middleware
    /// also asked a second, per-endpoint partitioned limiter on every request (for endpoint policies, which the portal
    /// has none of), under that limiter's one lock. Endpoints marked <c>DisableRateLimiting</c> (health) are not
    /// limited, as there.
    /// </summary>
    public async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
        {
            using var lease = Limiter.AttemptAcquire(context);
            if (!lease.IsAcquired)
            {
                await RejectAsync(context, lease);
                return;
            }
        }

        await next(context);
    }

    /// <summary>
    /// For an answer written before the limiter middleware runs (the API's 401, decided by authorization): takes a
    /// permit of the caller's address, or writes the 429 and returns false.
    /// </summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        using var lease = Limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return true;
        }

        await RejectAsync(context, lease);
        return false;
    }

    private async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var token = TokenOf(context);
        var retryAfter = Math.Max(1, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : token is null ? (int)AnonymousWindow.TotalSeconds : SecondsUntilReset(context));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (token is not null)
        {
            AddHeaders(context);
            await ApiProblems.WriteAsync(context, ProblemKind.RateLimited, ApiMessages.RateLimited(
                context.User.IsInRole(PortalClaims.InstallationRole) ? "access key" : "token", PermitLimit, Window, retryAfter));
        }
        else if (ApiProblems.IsApiPath(context) || context.Request.Path.StartsWithSegments("/openapi"))
        {
            await ApiProblems.WriteAsync(context, ProblemKind.RateLimited,
                ApiMessages.AnonymousRateLimited(AnonymousPermitLimit, AnonymousWindow, retryAfter));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(ApiMessages.AnonymousRateLimited(AnonymousPermitLimit, AnonymousWindow, retryAfter), context.RequestAborted);
        }
    }

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Adds RateLimit-Limit, -Remaining and -Reset to the response (when the request has a token).</summary>
    public void AddHeaders(HttpContext context)
    {
        if (TokenOf(context) is not { } token)
        {
            return;
        }

        var window = _windows.WindowOf(token, PermitLimit, Window);
        var now = _clock.GetTimestamp();
        context.Response.OnStarting(static state =>
        {
            var (http, limit, remaining, reset) = ((HttpContext, string, int, int))state;
            var headers = http.Response.Headers;
            headers["RateLimit-Limit"] = limit;
            headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }, (context, _permitLimitText, window.Remaining(now), Seconds(window.UntilReset(now))));
    }

    public void Dispose()
    {
        Limiter.Dispose();
        _windows.Dispose();
    }

    /// <summary>The partition: the presented credential's id (an API token's tok_…, or an access key's UUID).</summary>
    private static string? TokenOf(HttpContext context) =>
        !ApiProblems.IsApiPath(context) ? null
        : context.User is ApiPrincipal principal ? principal.RateLimitKey
        : context.User.FindFirst(PortalClaims.TokenId)?.Value
            ?? (context.User.FindFirst(PortalClaims.AccessKeyId)?.Value is { } accessKey ? "ak:" + accessKey : null);

    private int SecondsUntilReset(HttpContext context) =>
        TokenOf(context) is { } token ? Seconds(_windows.WindowOf(token, PermitLimit, Window).UntilReset(_clock.GetTimestamp())) : (int)Window.TotalSeconds;

    private static int Seconds(TimeSpan time) => Math.Max(1, (int)Math.Ceiling(time.TotalSeconds));

    /// <summary>The request's window and its limit: its credential's, none for a signed-in user's page, else its address's.</summary>
    private (string Key, int PermitLimit, TimeSpan Length)? PartitionOf(HttpContext context) =>
        TokenOf(context) is { } token ? (token, PermitLimit, Window)
        : context.User.Identity?.IsAuthenticated == true ? null
        : (AddressPrefix + AddressOf(context), AnonymousPermitLimit, AnonymousWindow);

    /// <summary>The limiter the middleware asks: a permit from the request's window, or a refusal with Retry-After.</summary>
    private sealed class WindowLimiter(ApiRateLimits limits) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
            limits.PartitionOf(resource) is not { } partition ? null
            : new RateLimiterStatistics
            {
                CurrentAvailablePermits = limits._windows.WindowOf(partition.Key, partition.PermitLimit, partition.Length)
                    .Remaining(limits._clock.GetTimestamp()),
            };

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
        {
            if (limits.PartitionOf(resource) is not { } partition)
            {
                return Lease.Acquired;
            }

            if (limits._windows.TryTake(partition.Key, partition.PermitLimit, partition.Length, permitCount) is not null)
            {
                return Lease.Acquired;
            }

            var window = limits._windows.WindowOf(partition.Key, partition.PermitLimit, partition.Length);
            return new Lease(acquired: false, window.UntilReset(limits._clock.GetTimestamp()));
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            new(AttemptAcquireCore(resource, permitCount)); // no queue: a request past the limit is refused at once
    }

    /// <summary>A granted permit (nothing to give back: a fixed window is only counted) or a refusal with Retry-After.</summary>
    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Acquired { get; } = new(acquired: true, retryAfter: null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}

/// <summary>Puts the RateLimit-* headers on every response of the API's controllers (errors included).</summary>
internal sealed class RateLimitHeadersFilter(ApiRateLimits limits) : Microsoft.AspNetCore.Mvc.Filters.IResourceFilter
{
    public void OnResourceExecuting(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutingContext context) =>
        limits.AddHeaders(context.HttpContext);

    public void OnResourceExecuted(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutedContext context)
    {
    }
}
