namespace Portal.Hosting;

/// <summary>
/// Portal:Origins — the origins the portal is served at (e.g. <c>https://developers.gestal.cloud</c>), separated
/// by ";" or given as an array. The first is the public origin that API links (Location, Link) are built from;
/// all of them may open a Blazor circuit. Unset, the portal's own origin is the request's (whose host
/// AllowedHosts has already checked).
/// </summary>
internal sealed class PortalOrigins
{
    public const string Key = "Portal:Origins";

    private readonly IReadOnlyList<string> _configured;

    private PortalOrigins(IReadOnlyList<string> configured) => _configured = configured;

    public IReadOnlyList<string> Configured => _configured;

    public static PortalOrigins From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var values = section.Value is { } single
            ? single.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        var origins = values.Select(v => Normalize(v) ?? throw new InvalidOperationException(
                $"{Key} holds \"{v}\", which is not an origin: give scheme, host and port only, e.g. https://developers.gestal.cloud."))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PortalOrigins(origins);
    }

    /// <summary>The origin absolute URLs of the API start with, e.g. https://developers.gestal.cloud.</summary>
    public string PublicOrigin(HttpRequest request)
    {
        if (_configured.Count > 0)
        {
            return _configured[0];
        }

        // Unconfigured, the request's own, normalised through Uri; the last one is kept (most requests name the same host).
        var scheme = request.Scheme;
        var host = request.Host.Value ?? "";
        if (Volatile.Read(ref _lastRequestOrigin) is { } last && last.Scheme == scheme && last.Host == host)
        {
            return last.Origin;
        }

        var raw = $"{scheme}://{request.Host}";
        var origin = Normalize(raw) ?? raw;
        Volatile.Write(ref _lastRequestOrigin, new RequestOrigin(scheme, host, origin));
        return origin;
    }

    private RequestOrigin? _lastRequestOrigin;

    private sealed record RequestOrigin(string Scheme, string Host, string Origin);

    /// <summary>Whether a browser page at <paramref name="origin"/> (an Origin header's value) is the portal's own.</summary>
    public bool Allows(string? origin, HttpRequest request)
    {
        var normalized = Normalize(origin);
        if (normalized is null)
        {
            return false; // absent, "null" (sandboxed frames, file: pages, some redirects) or malformed
        }

        return _configured.Count > 0
            ? _configured.Contains(normalized, StringComparer.Ordinal)
            : normalized == Normalize($"{request.Scheme}://{request.Host}");
    }

    /// <summary>scheme://host[:port] in lower case without a default port, or null when it is not an http(s) origin.</summary>
    internal static string? Normalize(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin)
            || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.PathAndQuery is not "/"
            || uri.Fragment.Length > 0
            || origin.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}

/// <summary>
/// Only the portal's own pages may open a Blazor circuit. A page on another origin of the same site (another
/// port, a sibling subdomain) gets the user's SameSite=Lax cookie on a WebSocket, so without this it could drive
/// the portal as the user. WebSocket upgrades and POSTs always carry Origin; a same-origin GET (long polling)
/// may carry none, and then the browser's Sec-Fetch-Site must say same-origin.
/// </summary>
internal static class CircuitOriginGuard
{
    public const string HubPath = "/_blazor";

    public static void UseCircuitOriginGuard(this WebApplication app)
    {
        var origins = app.Services.GetRequiredService<PortalOrigins>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.Use(async (context, next) =>
        {
            if (!MayConnect(context.Request, origins))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Only the portal's own pages may connect here.");
                return;
            }

            await next(context);
        }));
    }

    internal static bool MayConnect(HttpRequest request, PortalOrigins origins)
    {
        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            return origin.Count == 1 && origins.Allows(origin[0], request);
        }

        return HttpMethods.IsGet(request.Method)
            && string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.Ordinal);
    }
}
