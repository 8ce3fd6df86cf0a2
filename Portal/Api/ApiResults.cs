using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Portal.Data;
using Portal.Data.Idempotency;
using Portal.Data.Integrations;
using Portal.Data.Paging;
using Portal.Hosting;

namespace Portal.Api;

/// <summary>How the API answers with integrations: the wire JSON, ETag, Location, Link; 304 for a matching ETag.</summary>
internal static class ApiResults
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static ApiResult Object(HttpContext http, IntegrationData data)
    {
        http.Response.Headers.ETag = data.ETag;
        if (IfNoneMatchIncludes(http.Request, data.ETag))
        {
            return StatusOnlyResult.NotModified;
        }

        return new JsonBytesResult(WireJson.Of(data, IntegrationResource.From));
    }

    public static ApiResult List(HttpContext http, Page<IntegrationData> page) => List(http, page, IntegrationList.From);

    /// <summary>A page of a list: its wire JSON (made once per page the service handed out) and its Link header.</summary>
    public static ApiResult List<TItem, TList>(HttpContext http, Page<TItem> page, Func<Page<TItem>, TList> toWire)
    {
        http.Response.Headers.Link = LinkHeader(http.Request, page.Meta); // never empty: it always has rel="first"
        return new JsonBytesResult(WireJson.Of(page, toWire));
    }

    /// <summary>
    /// A create, made at most once per Idempotency-Key: the same key and the same body (as JSON) replays the first
    /// 201; the same key with another body is 409. Only successful creates are remembered.
    /// </summary>
    public static async Task<IActionResult> CreateOnceAsync(
        HttpContext http, IdempotencyStore store, Actor actor, JsonBody body, Func<Task<IntegrationData>> create, CancellationToken ct)
    {
        string? key = http.Request.Headers[IdempotencyKeyHeader];
        if (key is null)
        {
            return new StoredResponseResult(Created(http, await create(), fingerprint: ""), replayed: false);
        }

        if (key.Length is 0 or > IdempotencyStore.MaxKeyLength)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest,
                $"{IdempotencyKeyHeader} must be 1 to {IdempotencyStore.MaxKeyLength} characters.");
        }

        var fingerprint = body.Fingerprint();
        if (await store.FindAsync(actor, key, ct) is { } earlier)
        {
            return Replay(earlier, fingerprint);
        }

        var response = Created(http, await create(), fingerprint);
        if (!await store.TryStoreAsync(actor, key, response, ct) && await store.FindAsync(actor, key, ct) is { } raced)
        {
            return Replay(raced, fingerprint); // a concurrent request with the same key stored first
        }

        return new StoredResponseResult(response, replayed: false);
    }

    private static StoredResponseResult Replay(StoredResponse earlier, string fingerprint) =>
        earlier.RequestFingerprint == fingerprint
            ? new StoredResponseResult(earlier, replayed: true)
            : throw new ConflictException(ApiMessages.IdempotencyKeyReused);

    private static StoredResponse Created(HttpContext http, IntegrationData data, string fingerprint)
    {
        // Only the path is remembered: the origin is added when the response is written (see StoredResponseResult).
        var location = $"{http.Request.PathBase}/api/integrations/{data.CloudId}";
        var body = JsonSerializer.Serialize(IntegrationResource.From(data), ApiJson.Options);
        return new StoredResponse(fingerprint, StatusCodes.Status201Created, body, location, data.ETag);
    }

    /// <summary>True when If-None-Match names <paramref name="etag"/> (weakly) or is "*". No header: nothing parsed.</summary>
    internal static bool IfNoneMatchIncludes(HttpRequest request, string etag)
    {
        if (request.Headers.IfNoneMatch.Count == 0)
        {
            return false;
        }

        var tags = request.GetTypedHeaders().IfNoneMatch;
        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    internal static string LinkHeader(HttpRequest request, PageMeta meta)
    {
        // Made once per page the service handed out (its meta, like its bytes, never changes) and address it was asked at.
        var origin = PublicOrigin(request);
        var pathBase = request.PathBase.Value ?? "";
        var path = request.Path.Value ?? "";
        if (Links.TryGetValue(meta, out var kept) && kept.Origin == origin && kept.PathBase == pathBase && kept.Path == path)
        {
            return kept.Link;
        }

        var link = NewLinkHeader($"{origin}{pathBase}{path}", meta);
        Links.AddOrUpdate(meta, new KeptLink(origin, pathBase, path, link));
        return link;
    }

    private static readonly ConditionalWeakTable<PageMeta, KeptLink> Links = new();

    private sealed record KeptLink(string Origin, string PathBase, string Path, string Link);

    private static string NewLinkHeader(string baseUrl, PageMeta meta)
    {
        var links = new List<string>();
        Add(1, "first");
        if (meta.PreviousPage is { } previous)
        {
            Add(previous, "prev");
        }

        if (meta.NextPage is { } next)
        {
            Add(next, "next");
        }

        if (meta.Pages > 0)
        {
            Add(meta.Pages, "last");
        }

        return string.Join(", ", links);

        void Add(int page, string rel) => links.Add($"<{baseUrl}?page={page}&per_page={meta.PerPage}>; rel=\"{rel}\"");
    }

    /// <summary>Portal:Origins' first origin, never a Host header the configuration does not name.</summary>
    private static string PublicOrigin(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<PortalOrigins>().PublicOrigin(request);

    /// <summary>A response as remembered for an Idempotency-Key, written byte for byte the same on a replay.</summary>
    private sealed class StoredResponseResult(StoredResponse response, bool replayed) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = ApiJson.ContentType;
            if (response.Location is not null)
            {
                http.Headers.Location = response.Location.StartsWith('/')
                    ? PublicOrigin(context.HttpContext.Request) + response.Location
                    : response.Location; // remembered before locations were stored as paths
            }

            if (response.ETag is not null)
            {
                http.Headers.ETag = response.ETag;
            }

            if (replayed)
            {
                http.Headers[ReplayedHeader] = "true";
            }

            await http.WriteAsync(response.Body, context.HttpContext.RequestAborted);
        }
    }
}

/// <summary>
/// An answer of the API that both adapters write the same way: an MVC action returns it (an <see cref="IActionResult"/>)
/// and a lean endpoint (<see cref="LeanReads"/>) executes it (an <see cref="IResult"/>).
/// </summary>
internal abstract class ApiResult : IActionResult, IResult
{
    public abstract Task ExecuteAsync(HttpContext httpContext);

    Task IActionResult.ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}

/// <summary>JSON already serialised (the bytes <see cref="JsonResult"/> would write), with a Content-Length.</summary>
internal sealed class JsonBytesResult(byte[] body, int status = StatusCodes.Status200OK) : ApiResult
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = ApiJson.ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}

/// <summary>A status and no body: 304 Not Modified, 204 No Content.</summary>
internal sealed class StatusOnlyResult(int status) : ApiResult
{
    public static StatusOnlyResult NotModified { get; } = new(StatusCodes.Status304NotModified);

    public static StatusOnlyResult NoContent { get; } = new(StatusCodes.Status204NoContent);

    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>
/// The wire JSON of a value a service handed out, made once per value: the services' caches hand out the same
/// (immutable) object for as long as it is current, and a change makes a new one, so the bytes are never stale. A value
/// no cache holds is serialised again next time (its entry goes with it).
/// </summary>
internal static class WireJson
{
    public static byte[] Of<TValue, TWire>(TValue value, Func<TValue, TWire> toWire)
        where TValue : notnull =>
        Cache<TWire>.Bytes.TryGetValue(value, out var bytes) ? bytes
        : Cache<TWire>.Bytes.GetValue(value, v => JsonSerializer.SerializeToUtf8Bytes(toWire((TValue)v), ApiJson.Options));

    /// <summary>The bytes and their strong ETag (a hash of them).</summary>
    public static Entity EntityOf<TValue, TWire>(TValue value, Func<TValue, TWire> toWire)
        where TValue : notnull =>
        Cache<TWire>.Entities.TryGetValue(value, out var entity) ? entity
        : Cache<TWire>.Entities.GetValue(value, v => Entity.Of(JsonSerializer.SerializeToUtf8Bytes(toWire((TValue)v), ApiJson.Options)));

    /// <summary>One table per wire type, so that a value is never answered with another wire form's bytes.</summary>
    private static class Cache<TWire>
    {
        public static readonly ConditionalWeakTable<object, byte[]> Bytes = new();
        public static readonly ConditionalWeakTable<object, Entity> Entities = new();
    }

    internal sealed record Entity(byte[] Body, string ETag)
    {
        public static Entity Of(byte[] body) => new(body, $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..16]}\"");
    }
}
