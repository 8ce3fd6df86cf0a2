using Portal.Data;

namespace Portal.Api;

/// <summary>Every response (pages too) gets a Request-Id header; logs written for the request carry the same id.</summary>
internal static class RequestIds
{
    public const string Header = "Request-Id";

    public static string Of(HttpContext context) => context.TraceIdentifier;

    public static async Task AssignAsync(HttpContext context, RequestDelegate next)
    {
        var id = "req_" + CloudIds.RandomBase62(24);
        context.TraceIdentifier = id; // what ASP.NET Core's own logs and the /Error page show
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Requests");
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
        {
            await next(context);
        }
    }
}
