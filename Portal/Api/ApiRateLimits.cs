using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Auth;

namespace Portal.Api;

/// <summary>
/// Per-token fixed windows (ASP.NET Core's FixedWindowRateLimiter, one per token) and the RateLimit-* headers.
/// Requests without a token (the 401s, pages, the OpenAPI document) are not limited here.
/// </summary>
internal sealed class ApiRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _windowStarts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = TimeProvider.System; // the limiter's own windows run on real time

    public ApiRateLimits(IConfiguration configuration)
    {
        PermitLimit = Math.Max(1, configuration.GetValue("Api:RateLimit:PermitLimit", 1200));
        Window = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Api:RateLimit:WindowSeconds", 60)));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            TokenOf(context) is { } token
                ? RateLimitPartition.Get(token, NewWindow)
                : RateLimitPartition.GetNoLimiter(string.Empty));
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = Limiter;
        options.OnRejected = async (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? (int)Math.Ceiling(wait.TotalSeconds)
                : SecondsUntilReset(context);
            context.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture);
            AddHeaders(context);
            await ApiProblems.WriteAsync(context, ProblemKind.RateLimited, ApiMessages.RateLimited(PermitLimit, Window, Math.Max(1, retryAfter)));
        };
    }

    /// <summary>Adds RateLimit-Limit, -Remaining and -Reset to the response (when the request has a token).</summary>
    public void AddHeaders(HttpContext context)
    {
        if (TokenOf(context) is null)
        {
            return;
        }

        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? PermitLimit;
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

    private static string? TokenOf(HttpContext context) =>
        ApiProblems.IsApiPath(context) ? context.User.FindFirst(PortalClaims.TokenId)?.Value : null;

    private FixedWindowRateLimiter NewWindow(string token)
    {
        _windowStarts[token] = _clock.GetTimestamp();
        return new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private int SecondsUntilReset(HttpContext context)
    {
        if (TokenOf(context) is not { } token || !_windowStarts.TryGetValue(token, out var start))
        {
            return (int)Window.TotalSeconds;
        }

        var elapsed = _clock.GetElapsedTime(start).Ticks % Window.Ticks;
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
