using Microsoft.OpenApi;

namespace Portal.Api.OpenApi;

/// <summary>The headers the API reads and writes, as the OpenAPI document describes them.</summary>
internal static class ApiHeaders
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string Link = "Link";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string RetryAfter = "Retry-After";
    public const string IfMatch = "If-Match";
    public const string IfNoneMatch = "If-None-Match";

    /// <summary>A strong entity tag: a quoted string, never W/.</summary>
    public const string StrongETagPattern = "^\"[^\"]*\"$";

    public const string RequestIdPattern = "^req_[A-Za-z0-9]{24}$";

    /// <summary>The component id of a RateLimit-* header where it may be absent (a 429 or a 500): RateLimit-Limit.when-sent.</summary>
    public const string WhenSentSuffix = ".when-sent";

    public static readonly string[] RateLimitHeaders = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    public static OpenApiParameter Request(string name, string description, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = schema,
    };

    public static OpenApiHeader RequestId() => Header(
        "The request's id, also in a problem's request_id and in the server log: quote it when you report a problem.",
        new OpenApiSchema { Type = JsonSchemaType.String, Pattern = RequestIdPattern });

    public static IEnumerable<(string Name, OpenApiHeader Header)> RateLimit(bool required)
    {
        var when = required ? "" : " Sent when the request presented a credential.";
        yield return (RateLimitHeaders[0], Header("Requests this credential may make per window." + when, Count(1), required));
        yield return (RateLimitHeaders[1], Header("Requests left in the current window." + when, Count(0), required));
        yield return (RateLimitHeaders[2], Header("Seconds until the window resets." + when, Count(1), required));
    }

    public static OpenApiHeader ETagHeader() => Header(
        "A strong ETag of the object: send it in If-None-Match (304 when unchanged) or If-Match (412 when changed since).",
        new OpenApiSchema { Type = JsonSchemaType.String, Pattern = StrongETagPattern });

    public static OpenApiHeader LocationHeader() =>
        Header("The URL of the new object.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" });

    public static OpenApiHeader LinkHeader() => Header(
        "RFC 8288 links to the first, prev, next and last pages, where they exist (e.g. <…?page=2&per_page=10>; rel=\"next\").",
        new OpenApiSchema { Type = JsonSchemaType.String });

    public static OpenApiHeader ReplayedHeader() => Header(
        "true when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.",
        new OpenApiSchema { Type = JsonSchemaType.Boolean, Enum = [System.Text.Json.Nodes.JsonValue.Create(true)] }, required: false);

    public static OpenApiHeader WwwAuthenticateHeader() => Header(
        "The schemes to authenticate with: Bearer, and Basic (the token or access key as user name, an empty password).",
        new OpenApiSchema { Type = JsonSchemaType.String });

    public static OpenApiHeader RetryAfterHeader() =>
        Header("Seconds to wait before retrying.", Count(1));

    public static string StatusDescription(int status, bool isList) => status switch
    {
        200 => isList ? "A page of the list: data and pagination meta." : "The object.",
        201 => "Created: the new object.",
        204 => "Done; no body.",
        304 => "Not modified: your copy (If-None-Match) is current; no body.",
        500 => "Server fault: the problem says nothing of the server's internals; quote its request_id.",
        503 => "The portal's database is unavailable for a moment: retry after Retry-After seconds.",
        _ when ProblemKind.ForStatus(status) is { } kind => kind.Title + ".",
        _ => "Status " + status + ".",
    };

    private static OpenApiHeader Header(string description, OpenApiSchema schema, bool required = true) =>
        new() { Description = description, Required = required, Schema = schema };

    private static OpenApiSchema Count(int minimum) => new() { Type = JsonSchemaType.Integer, Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
