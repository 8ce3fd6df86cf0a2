using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>
/// The exact words a script's author reads when a body is refused (issue 13: the body reader's messages were
/// asserted nowhere, or only in part), and that nothing is created.
/// </summary>
public sealed class BodyMessageTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("", "The request needs a JSON object body.")]
    [InlineData("[]", "The request body must be a JSON object.")]
    [InlineData("\"text\"", "The request body must be a JSON object.")]
    [InlineData("{\"name\":", "The request body is not valid JSON.")]
    [InlineData("""{"name":"A","url":"https://a.example","n\uDFFFme":"B"}""",
        "An attribute name contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).")]
    [InlineData("""{"name":"A\uD800","url":"https://a.example"}""",
        "The value of \"name\" contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).")]
    [InlineData("""{"name":"A","url":"https://a.example","extra":{"deep":["\uDC00"]}}""",
        "The value of \"extra\" contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).")]
    public async Task A_refused_body_says_exactly_what_is_wrong_and_creates_nothing(string json, string detail)
    {
        var response = await _client.PostAsync("/api/integrations", Json(json));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Invalid_utf8_says_so()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"A").Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\",\"url\":\"https://a.example\"}")).ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        var problem = await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.BadRequest, "malformed-request");

        Assert.Equal("The request body is not valid UTF-8.", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Another_media_type_says_which_to_send()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"name":"A","url":"https://a.example"}""", "text/plain"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("Send the body as application/json (or application/vnd.gestal+json).", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task A_body_over_64_KiB_says_the_limit()
    {
        var json = $$"""{"name":"A","url":"https://a.example","description":"{{new string('d', 70_000)}}"}""";

        var problem = await ProblemAsync(await _client.PostAsync("/api/integrations", Json(json)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal("The request body is larger than 64 KiB.", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    private async Task AssertNothingCreatedAsync()
    {
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt32());
    }
}
