using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Tests.Api;

internal static partial class ApiAssert
{
    public static readonly string[] IntegrationKeys = ["cloud_id", "name", "url", "description", "created_at", "updated_at"];

    public static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A problem body: the type of UI-CONTRACT, its status, the request id of the header, the content type.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string anchor)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        var keys = Keys(body);
        Assert.Equal(anchor == "validation"
            ? ["type", "title", "status", "detail", "errors", "request_id"]
            : ["type", "title", "status", "detail", "request_id"], keys);
        Assert.Equal("/docs/errors#" + anchor, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(response.Headers.GetValues("Request-Id").Single(), body.GetProperty("request_id").GetString());
        return body;
    }

    public static void IsIntegration(JsonElement element)
    {
        Assert.Equal(IntegrationKeys, Keys(element));
        Assert.Matches(CloudIdPattern(), element.GetProperty("cloud_id").GetString());
        Assert.Matches(TimestampPattern(), element.GetProperty("created_at").GetString());
        Assert.Matches(TimestampPattern(), element.GetProperty("updated_at").GetString());
    }

    [GeneratedRegex("^int_[A-Za-z0-9]{32}$")]
    public static partial Regex CloudIdPattern();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    public static partial Regex TimestampPattern();
}
