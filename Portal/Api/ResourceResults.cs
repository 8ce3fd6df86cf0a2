using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Portal.Data;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>
/// How the API answers with the resources beside integrations (installations, access keys, the current installation):
/// the wire JSON, a strong ETag made from it (304 for a matching If-None-Match), Location on a 201, Link on a list.
/// </summary>
internal static class ResourceResults
{
    public static IActionResult Object<T>(HttpContext http, T resource)
    {
        var body = JsonSerializer.Serialize(resource, ApiJson.Options);
        var etag = ETagOf(body);
        http.Response.Headers.ETag = etag;
        if (IfNoneMatchIncludes(http.Request, etag))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        return new ContentResult { Content = body, ContentType = ApiJson.ContentType, StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>A 201 with the object and the Location of <paramref name="path"/> (e.g. /api/integrations/accesskeys/…).</summary>
    public static IActionResult Created<T>(HttpContext http, string path, T resource)
    {
        http.Response.Headers.Location = Url(http.Request, path);
        var body = JsonSerializer.Serialize(resource, ApiJson.Options);
        http.Response.Headers.ETag = ETagOf(body); // API.md: every object response carries an ETag
        return new ContentResult
        {
            Content = body,
            ContentType = ApiJson.ContentType,
            StatusCode = StatusCodes.Status201Created,
        };
    }

    public static IActionResult List<T>(HttpContext http, PageMeta meta, T list)
    {
        var link = ApiResults.LinkHeader(http.Request, meta);
        if (link.Length > 0)
        {
            http.Response.Headers.Link = link;
        }

        return new JsonResult(list, ApiJson.Options);
    }

    // Built as ApiResults builds the integrations' Location and Link: the request's own origin.
    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    private static string ETagOf(string body) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)))[..16]}\"";

    private static bool IfNoneMatchIncludes(HttpRequest request, string etag)
    {
        var current = new EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch
            .Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
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
