using System.Collections;

namespace Portal.Api;

/// <summary>Every response (pages too) gets a Request-Id header; logs written for the request carry the same id.</summary>
internal static class RequestIds
{
    public const string Header = "Request-Id";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Of(HttpContext context) => context.TraceIdentifier;

    /// <summary>
    /// req_ and 24 base-62 characters (143 bits). An id names a request in logs and support mails; it is no secret and
    /// guards nothing, so it comes from the fast generator, not the cryptographic one (that was 7 % of a cached request).
    /// </summary>
    public static string NewId() => string.Create(28, 0, static (chars, _) =>
    {
        "req_".CopyTo(chars);
        Random.Shared.GetItems(Base62, chars[4..]);
    });

    public static RequestDelegate Middleware(RequestDelegate next, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Portal.Requests");
        return async context =>
        {
            var id = NewId();
            context.TraceIdentifier = id; // what ASP.NET Core's own logs and the /Error page show
            // On starting, not now: an exception handler clears the headers of a response it takes over.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[Header] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);
            using (logger.BeginScope(new Scope(id)))
            {
                await next(context);
            }
        };
    }

    /// <summary>The log scope { RequestId = id }, without a dictionary per request.</summary>
    private sealed class Scope(string id) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new("RequestId", id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{id}";
    }
}
