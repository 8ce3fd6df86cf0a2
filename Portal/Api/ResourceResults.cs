using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Data;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>
/// How the API answers with the resources beside integrations (installations, access keys, the current installation):
/// the wire JSON, a strong ETag made from it (304 for a matching If-None-Match), Location on a 201, Link on a list.
/// </summary>
internal static class ResourceResults
{
    public static ApiResult Object<T>(HttpContext http, T resource) =>
        Object(http, WireJson.Entity.Of(JsonSerializer.SerializeToUtf8Bytes(resource, ApiJson.Options)));

    /// <summary>As above, for a value a service's cache hands out: its wire JSON and ETag are made once per value.</summary>
    public static ApiResult Object<TValue, TResource>(HttpContext http, TValue value, Func<TValue, TResource> toResource)
        where TValue : notnull =>
        Object(http, WireJson.EntityOf(value, toResource));

    private static ApiResult Object(HttpContext http, WireJson.Entity entity)
    {
        http.Response.Headers.ETag = entity.ETag;
        return ApiResults.IfNoneMatchIncludes(http.Request, entity.ETag)
            ? StatusOnlyResult.NotModified
            : new JsonBytesResult(entity.Body);
    }

    /// <summary>A 201 with the object and the Location of <paramref name="path"/> (e.g. /api/integrations/accesskeys/…).</summary>
    public static ApiResult Created<T>(HttpContext http, string path, T resource)
    {
        http.Response.Headers.Location = Url(http.Request, path);
        var entity = WireJson.Entity.Of(JsonSerializer.SerializeToUtf8Bytes(resource, ApiJson.Options));
        http.Response.Headers.ETag = entity.ETag; // API.md: every object response carries an ETag
        return new JsonBytesResult(entity.Body, StatusCodes.Status201Created);
    }

    /// <summary>A page of a list under a parent, with its Link header (see <see cref="ApiResults.List{TItem, TList}"/>).</summary>
    public static ApiResult List<TItem, TList>(HttpContext http, Page<TItem> page, Func<Page<TItem>, TList> toWire) =>
        ApiResults.List(http, page, toWire);

    // Built as ApiResults builds the integrations' Location and Link: the request's own origin.
    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}

/// <summary>
/// The page of a list under a parent (an integration's installations, an installation's keys). API.md's order of
/// checks puts the object (404) before validation (422): a bad page of an unknown parent is 404.
/// </summary>
internal static class NestedPaging
{
    /// <summary>page and per_page as sent (a repeated one joined, and so refused: <see cref="ApiQuery.Value"/>).</summary>
    public static async Task<Page<T>> ListAsync<T>(
        HttpRequest http, Func<PageRequest, Task<Page<T>>> list, int defaultPerPage = PageRequest.DefaultPerPage)
    {
        ValidationFailedException? invalid = null;
        var request = PageRequest.Default;
        try
        {
            request = PageRequest.Parse(ApiQuery.Value(http, "page"), ApiQuery.Value(http, "per_page"), defaultPerPage);
        }
        catch (ValidationFailedException ex)
        {
            invalid = ex;
        }

        var found = await list(invalid is null ? request : PageRequest.Of(1, 1)); // not found is thrown here, first
        return invalid is null ? found : throw invalid;
    }
}

/// <summary>A body that may be absent: creating an access key takes no body, or {} (INSTALLATIONS.md).</summary>
internal static class OptionalBody
{
    /// <summary>
    /// Null when the request has no body at all; otherwise what <see cref="BodyReader"/> makes of it, with all its
    /// checks (413, 415, 400). A declared media type that is not JSON is 415 even without a body.
    /// </summary>
    public static async Task<JsonBody?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is not 0)
        {
            request.EnableBuffering(BodyReader.MaxBytes);
            var probe = new byte[1];
            var read = await request.Body.ReadAsync(probe, ct);
            request.Body.Position = 0;
            if (read > 0)
            {
                return await BodyReader.ReadObjectAsync(request, ct);
            }
        }

        if (request.ContentType is not null && !BodyReader.IsAcceptedMediaType(request.ContentType))
        {
            await BodyReader.ReadObjectAsync(request, ct); // answers 415, as for any other body
        }

        return null;
    }

    /// <summary>The attribute names the object sent, in order.</summary>
    public static IReadOnlyList<string> AttributeNames(JsonBody? body) =>
        body is null ? [] : body.Object.EnumerateObject().Select(p => p.Name).ToList();
}
