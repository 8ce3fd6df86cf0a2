using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Auth;

namespace Portal.Api;

/// <summary>
/// ASP.NET Core's rate limiter, in fixed windows: one per credential (API token or access key) for authenticated API calls (with the
/// RateLimit-* headers), and one per client address for anonymous requests (pages, sign-in, the OpenAPI document,
/// static files, and the API's 401s, which <see cref="AdmitAsync"/> counts from the challenge). Signed-in users'
/// pages are not limited.
/// </summary>
internal sealed class ApiRateLimits : IDisposable
{
    /// <summary>Each credential's window: when it began, and its limiter (read for the RateLimit-* headers).</summary>
    private readonly ConcurrentDictionary<string, (long Start, FixedWindowRateLimiter Limiter)> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = TimeProvider.System; // the limiter's own windows run on real time

    public ApiRateLimits(IConfiguration configuration)
    {
        PermitLimit = Math.Max(1, configuration.GetValue("Api:RateLimit:PermitLimit", 1200));
        Window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Api:RateLimit:WindowSeconds", 60)));
        AnonymousPermitLimit = Math.Max(1, configuration.GetValue("RateLimit:Anonymous:PermitLimit", 600));
        AnonymousWindow = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("RateLimit:Anonymous:WindowSeconds", 60)));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            TokenOf(context) is { } token
                ? RateLimitPartition.Get(token, NewWindow)
                : context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("signed-in")
                    : RateLimitPartition.Get(AddressPrefix + AddressOf(context), _ => NewFixedWindow(AnonymousPermitLimit, AnonymousWindow)));
    }

    private const string AddressPrefix = "address:";

    /// <summary>Anonymous requests a client address may make per <see cref="AnonymousWindow"/>.</summary>
    public int AnonymousPermitLimit { get; }

    public TimeSpan AnonymousWindow { get; }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = Limiter;
        options.OnRejected = (rejected, _) => new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease));
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
        if (TokenOf(context) is null)
        {
            return;
        }

        var remaining = Remaining(context);
        var reset = SecondsUntilReset(context).ToString(CultureInfo.InvariantCulture);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Limit"] = PermitLimit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = reset;
            return Task.CompletedTask;
        });
    }

    public void Dispose() => Limiter.Dispose();

    /// <summary>
    /// The permits left in the credential's window, read from its own limiter: the partitioned limiter would look the
    /// partition up again under the one lock that every request of every credential takes.
    /// </summary>
    private long Remaining(HttpContext context)
    {
        if (TokenOf(context) is { } token && _windows.TryGetValue(token, out var window))
        {
            try
            {
                return window.Limiter.GetStatistics()?.CurrentAvailablePermits ?? PermitLimit;
            }
            catch (ObjectDisposedException)
            {
                // idle long enough for the partitioned limiter to drop it: ask that limiter, which makes a new one
            }
        }

        return Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? PermitLimit;
    }

    /// <summary>The partition: the presented credential's id (an API token's tok_…, or an access key's UUID).</summary>
    private static string? TokenOf(HttpContext context) =>
        !ApiProblems.IsApiPath(context) ? null
        : context.User.FindFirst(PortalClaims.TokenId)?.Value
            ?? (context.User.FindFirst(PortalClaims.AccessKeyId)?.Value is { } accessKey ? "ak:" + accessKey : null);

    private FixedWindowRateLimiter NewWindow(string token)
    {
        var limiter = NewFixedWindow(PermitLimit, Window);
        _windows[token] = (_clock.GetTimestamp(), limiter);
        return limiter;
    }

    private static FixedWindowRateLimiter NewFixedWindow(int permitLimit, TimeSpan window) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permitLimit,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private int SecondsUntilReset(HttpContext context)
    {
        if (TokenOf(context) is not { } token || !_windows.TryGetValue(token, out var window))
        {
            return (int)Window.TotalSeconds;
        }

        var elapsed = _clock.GetElapsedTime(window.Start).Ticks % Window.Ticks;
        return Math.Max(1, (int)Math.Ceiling(TimeSpan.FromTicks(Window.Ticks - elapsed).TotalSeconds));
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
