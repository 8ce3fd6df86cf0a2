using System.Globalization;
using Portal.Api;
using Portal.Data;

namespace Portal.Components.Shared;

/// <summary>
/// A page request that fails because the database cannot be reached (signing in, reading the session, rendering the
/// page before the circuit starts) is answered 503 with Retry-After and a short page that says so, instead of an
/// error page. Failures inside a running page are the layout's <c>PageFailure</c>.
/// </summary>
internal static class DatabaseUnavailablePage
{
    public const string Heading = "The database is unavailable";

    public const string Explanation =
        "The portal cannot reach its database just now, so this page cannot be shown. This usually passes within seconds: try again shortly.";

    public static async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILogger<PortalPageFailure>>()
                .LogWarning(ex, "The database is unavailable in {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = ApiMessages.DatabaseUnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Database unavailable · Gestal Cloud Developer Portal</title></head>
                <body>
                <main>
                <h1>{Heading}</h1>
                <p>{Explanation}</p>
                <p><a href="{System.Net.WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}">Try again</a></p>
                </main>
                </body>
                </html>
                """, context.RequestAborted);
        }
    }
}

/// <summary>The log category of page failures.</summary>
internal sealed class PortalPageFailure;
