using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Bodies that are badly encoded or decode to text that cannot be stored: 400 or 422, never 500.</summary>
public sealed class BodyEncodingTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_number_outside_decimal_range_is_the_same_422_with_or_without_an_Idempotency_Key(bool withKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations")
        {
            Content = Json("""{"name":"A","url":"https://a.example","extra":1e400}"""),
        };
        if (withKey)
        {
            request.Headers.Add("Idempotency-Key", "key-" + Guid.NewGuid());
        }

        var body = await ProblemAsync(await _client.SendAsync(request), (HttpStatusCode)422, "validation");

        Assert.Equal("extra", body.GetProperty("errors")[0].GetProperty("attribute").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task A_replay_with_null_and_reordered_attributes_is_recognised_as_the_same_body()
    {
        var key = "key-" + Guid.NewGuid();
        var first = await PostWithKeyAsync(key, """{"name":"Big","url":"https://a.example","description":null}""");
        var again = await PostWithKeyAsync(key, """{"description":null,"url":"https://a.example","name":"Big"}""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
    }

    // Read-only attributes are ignored whatever they hold, so they are the only place a successful create carries
    // numbers, arrays, booleans or nested objects: the fingerprint compares them as JSON values, not as text.
    [Theory]
    [InlineData("100", "1e2", true)]
    [InlineData("1.5", "15E-1", true)]
    [InlineData("[1,2]", "[1,2]", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("[1,2]", "[1,3]", false)]
    [InlineData("{\"b\":1,\"a\":[true]}", "{\"a\":[true],\"b\":1}", true)]
    [InlineData("{\"a\":{\"b\":1}}", "{\"a\":{\"b\":2}}", false)]
    [InlineData("{\"a\":{\"b\":1},\"c\":2}", "{\"a\":{\"b\":1,\"c\":2}}", false)]
    [InlineData("true", "false", false)]
    [InlineData("\"x\"", "\"y\"", false)]
    public async Task A_replay_compares_what_was_sent_as_JSON_values(string first, string second, bool sameBody)
    {
        var key = "key-" + Guid.NewGuid();
        var created = await PostWithKeyAsync(key, $$"""{"name":"Valued","url":"https://a.example","cloud_id":{{first}}}""");
        var again = await PostWithKeyAsync(key, $$"""{"name":"Valued","url":"https://a.example","cloud_id":{{second}}}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (sameBody)
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }
        else
        {
            await ProblemAsync(again, HttpStatusCode.Conflict, "idempotency-conflict");
        }
    }

    [Theory]
    [InlineData("""{"name":"\uD800","url":"https://a.example"}""", "\"name\"")]
    [InlineData("""{"name":"A","url":"https://a.example/\uDC00"}""", "\"url\"")]
    [InlineData("""{"name":"A","url":"https://a.example","description":"x\uD83Dy"}""", "\"description\"")]
    [InlineData("""{"name":"A","url":"https://a.example","n\uDFFFme":"B"}""", "attribute name")]
    [InlineData("""{"name":"A","url":"https://a.example","extra":{"d\uD800":1}}""", "attribute name")]
    [InlineData("""{"name":"A","url":"https://a.example","extra":{"deep":["\uD800"]}}""", "\"extra\"")]
    public async Task A_lone_surrogate_escape_is_400_naming_the_attribute(string json, string named)
    {
        foreach (var send in new Func<HttpContent, Task<HttpResponseMessage>>[]
        {
            content => _client.PostAsync("/api/integrations", content),
            async content => await _client.PatchAsync(await CreatedPathAsync(), content),
        })
        {
            var body = await ProblemAsync(await send(Json(json)), HttpStatusCode.BadRequest, "malformed-request");
            Assert.Contains(named, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })] // never valid in UTF-8
    [InlineData(new byte[] { 0xC0, 0xAF })] // overlong "/"
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF })] // overlong "/", three bytes
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xE2, 0x82 })] // truncated sequence
    public async Task Invalid_utf8_in_a_value_is_400(byte[] bad)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"A").Concat(bad).Concat(Encoding.UTF8.GetBytes("\",\"url\":\"https://a.example\"}")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        var body = await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.BadRequest, "malformed-request");

        Assert.Contains("UTF-8", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Invalid_utf8_in_an_attribute_name_is_400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"na").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("""me":"A","url":"https://a.example"}""")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.BadRequest, "malformed-request");
    }

    [Theory]
    [InlineData("name", """{"name":"A\u0000B","url":"https://a.example"}""")]
    [InlineData("url", """{"name":"A","url":"https://a.example/\u0000"}""")]
    [InlineData("url", """{"name":"A","url":"https://a.exa\u0007mple"}""")]
    [InlineData("url", """{"name":"A","url":"https://a.example/\u007f"}""")]
    [InlineData("url", """{"name":"A","url":"https://a.exa\u0085mple/"}""")]
    [InlineData("description", """{"name":"A","url":"https://a.example","description":"a\u0000b"}""")]
    public async Task A_control_character_in_any_string_attribute_is_422_naming_it(string attribute, string json)
    {
        var body = await ProblemAsync(await _client.PostAsync("/api/integrations", Json(json)), (HttpStatusCode)422, "validation");

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(attribute, error.GetProperty("attribute").GetString());
        Assert.Equal("invalid", error.GetProperty("code").GetString());
        Assert.Contains("control characters", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json")]
    [InlineData("Application/JSON; Charset=utf-8")]
    public async Task A_json_media_type_with_a_quoted_or_no_charset_is_accepted(string contentType)
    {
        var content = new StringContent("""{"name":"A","url":"https://a.example"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/api/integrations", content)).StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"utf-16\"")]
    public async Task A_foreign_charset_is_415(string contentType)
    {
        var content = new StringContent("""{"name":"A","url":"https://a.example"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_form_body_of_garbage_is_415_and_never_parsed(string contentType)
    {
        var content = new ByteArrayContent([0x59, 0x00, 0xD0, 0xB0, 0xFF, 0x25, 0x5A, 0x3D, 0x26, 0x3D]);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ProblemAsync(await _client.GetAsync("/api/integrations/int_00000000000000000000000000000000"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_json_body_without_a_content_type_is_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"A","url":"https://a.example"}"""));

        await ProblemAsync(await _client.PostAsync("/api/integrations", content), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertNothingCreatedAsync();
    }

    private string? _createdPath;
    private string? _createdJson;

    private async Task<string> CreatedPathAsync()
    {
        if (_createdPath is null)
        {
            var created = await _client.PostAsync("/api/integrations", Json("""{"name":"Kept","url":"https://kept.example"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            _createdPath = created.Headers.Location!.AbsolutePath;
            _createdJson = await (await _client.GetAsync(_createdPath)).Content.ReadAsStringAsync();
        }

        return _createdPath;
    }

    private async Task AssertUnchangedAsync()
    {
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(_createdJson, await (await _client.GetAsync(_createdPath)).Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private async Task AssertNothingCreatedAsync()
    {
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt32());
    }
}
