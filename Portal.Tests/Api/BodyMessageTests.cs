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
    [InlineData("""{"name":"A","url":"https://a.example","extra":{"d\uDFFFep":1}}""",
        "An attribute name contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).")]
    [InlineData("""{"name":"A","url":"https://a.example","extra":{"deep":["\uDC00"]}}""",
        "The value of \"extra\" contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).")]
    public async Task A_refused_body_says_exactly_what_is_wrong_and_creates_nothing(string json, string detail)
    {
        var response = await _client.PostAsync("/api/integrations", Json(json));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    // The JSON kind the reader hands the rules is the word a script's author reads (the rules' own tests start from
    // that word, so only a request shows that each kind is named right).
    [Theory]
    [InlineData("42", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("false", "a boolean")]
    [InlineData("[\"Acme\"]", "an array")]
    [InlineData("{\"text\":\"Acme\"}", "an object")]
    public async Task An_attribute_of_another_type_names_the_type_that_was_sent(string name, string sent)
    {
        var response = await _client.PostAsync("/api/integrations", Json($$"""{"name":{{name}},"url":"https://a.example"}"""));

        var problem = await ProblemAsync(response, (HttpStatusCode)422, "validation");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(("name", "invalid_type", $"name must be a string, not {sent}."),
            (error.GetProperty("attribute").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        await AssertNothingCreatedAsync();
    }

    // A declared media type is judged before the body is read, so a refused type is 415 even with no body; a request
    // that declares no type and sends nothing is told what it lacks: a body.
    [Fact]
    public async Task Another_media_type_is_415_even_without_a_body()
    {
        var problem = await ProblemAsync(await _client.PostAsync("/api/integrations", Json("", "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        Assert.Equal("Send the body as application/json (or application/vnd.gestal+json).", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task No_body_and_no_media_type_is_told_to_send_a_body()
    {
        var problem = await ProblemAsync(await _client.PostAsync("/api/integrations", content: null), HttpStatusCode.BadRequest, "malformed-request");

        Assert.Equal("The request needs a JSON object body.", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    // API.md's order of checks: 413 before 415, so a large body of another type is told its size first.
    [Fact]
    public async Task A_body_over_64_KiB_of_another_media_type_is_413()
    {
        var json = $$"""{"name":"A","url":"https://a.example","description":"{{new string('d', 70_000)}}"}""";

        var problem = await ProblemAsync(await _client.PostAsync("/api/integrations", Json(json, "text/plain")),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal("The request body is larger than 64 KiB.", problem.GetProperty("detail").GetString());
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
