using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Data;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Media types, sizes, malformed bodies, validation, 404 and 405, as API.md's error table says.</summary>
public sealed class RequestShapeTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Other_media_type_is_415(string mediaType)
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"name":"A","url":"https://a.example"}""", mediaType));

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Vendor_media_type_with_charset_is_accepted()
    {
        var content = Json("""{"name":"A","url":"https://a.example"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.gestal+json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/api/integrations", content)).StatusCode);
    }

    [Fact]
    public async Task Body_over_64_KiB_is_413()
    {
        var description = new string('x', 64 * 1024);
        var response = await _client.PostAsync("/api/integrations",
            Json($$"""{"name":"A","url":"https://a.example","description":"{{description}}"}"""));

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_of_exactly_64_KiB_is_accepted(bool declaresLength)
    {
        var content = Padded("""{"name":"A","url":"https://a.example"}""", BodyLimit, declaresLength);

        var response = await (declaresLength ? _client : await UnbufferedClientAsync()).PostAsync("/api/integrations", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_64_KiB_streamed_without_Content_Length_is_413()
    {
        var content = Padded("""{"name":"A","url":"https://a.example"}""", BodyLimit + 1, declaresLength: false);

        var response = await (await UnbufferedClientAsync()).PostAsync("/api/integrations", content);

        Assert.Null(content.Headers.ContentLength);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await AssertNothingCreatedAsync();
    }

    [Theory]
    [InlineData("{\"name\": \"A\",")]
    [InlineData("[{\"name\": \"A\"}]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    [InlineData("{\"name\": \"A\", \"name\": \"B\", \"url\": \"https://a.example\"}")]
    public async Task Malformed_non_object_or_empty_body_is_400(string body)
    {
        var response = await _client.PostAsync("/api/integrations", Json(body));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Empty_patch_body_is_400()
    {
        var cloudId = await CreateAsync("Acme Plus");

        var response = await _client.PatchAsync($"/api/integrations/{cloudId}", Json(""));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Validation_failure_is_422_listing_every_broken_rule()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"url": "javascript:alert(1)"}"""));

        var problem = await ProblemAsync(response, (HttpStatusCode)422, "validation");
        Assert.Equal("Validation failed", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal(["attribute", "code", "message"], Keys(e)));
        Assert.Contains(errors, e => e.GetProperty("attribute").GetString() == "name" && e.GetProperty("code").GetString() == "missing");
        Assert.Contains(errors, e => e.GetProperty("attribute").GetString() == "url" && e.GetProperty("code").GetString() == "invalid");
        Assert.Equal("2 attributes are invalid.", problem.GetProperty("detail").GetString());
        await AssertNothingCreatedAsync();
    }

    [Fact]
    public async Task Unknown_attribute_is_reported_not_dropped()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"nmae": "Acme", "name": "Acme", "url": "https://a.example"}"""));

        var problem = await ProblemAsync(response, (HttpStatusCode)422, "validation");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("nmae", error.GetProperty("attribute").GetString());
        Assert.Equal("unknown_attribute", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Attribute_of_another_json_type_is_invalid_type()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"name": 42, "url": ["https://a.example"]}"""));

        var problem = await ProblemAsync(response, (HttpStatusCode)422, "validation");
        var codes = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Equal(["invalid_type", "invalid_type"], codes);
    }

    [Fact]
    public async Task Read_only_attributes_are_ignored()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""
            {"cloud_id": "int_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "created_at": "1999-01-01T00:00:00.000Z",
             "updated_at": 5, "name": "Acme", "url": "https://a.example"}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.NotEqual("int_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", body.GetProperty("cloud_id").GetString());
        Assert.Equal("2001-01-01T01:01:01.000Z", body.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Another_integrators_id_is_404_as_if_it_did_not_exist()
    {
        var cloudId = await CreateAsync("Acme Plus");
        var globex = await _factory.ClientForAsync("dev-globex");

        await ProblemAsync(await globex.GetAsync($"/api/integrations/{cloudId}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await globex.PatchAsync($"/api/integrations/{cloudId}", Json("""{"name":"Mine"}""")), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await globex.DeleteAsync($"/api/integrations/{cloudId}"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/integrations/{cloudId}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_id_is_404_problem()
    {
        var response = await _client.GetAsync("/api/integrations/int_00000000000000000000000000000000");

        await ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Unknown_path_under_api_is_404_problem()
    {
        await ProblemAsync(await _client.GetAsync("/api/integrationz"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("PUT", "/api/integrations", "GET, HEAD, POST")]
    [InlineData("DELETE", "/api/integrations", "GET, HEAD, POST")]
    [InlineData("PUT", "/api/integrations/int_00000000000000000000000000000000", "GET, HEAD, PATCH, DELETE")]
    [InlineData("POST", "/api/integrations/int_00000000000000000000000000000000", "GET, HEAD, PATCH, DELETE")]
    [InlineData("POST", "/api/ping", "GET, HEAD")]
    public async Task Wrong_method_is_405_with_Allow(string method, string path, string allow)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") });

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("per_page=abc")]
    [InlineData("page=-1&per_page=0")]
    [InlineData("page=1%00")]
    [InlineData("per_page=%0010")]
    [InlineData("page=%202")]
    [InlineData("page=1&page=2")]
    [InlineData("page")]
    public async Task Page_or_per_page_that_is_not_a_whole_number_of_at_least_1_is_422(string query)
    {
        await ProblemAsync(await _client.GetAsync("/api/integrations?" + query), (HttpStatusCode)422, "validation");
    }

    [Fact]
    public async Task List_has_a_Link_header_with_first_prev_next_and_last()
    {
        foreach (var name in new[] { "One", "Two", "Three" })
        {
            await CreateAsync(name);
        }

        var response = await _client.GetAsync("/api/integrations?page=2&per_page=1");

        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Equal(
            "<http://localhost/api/integrations?page=1&per_page=1>; rel=\"first\", "
            + "<http://localhost/api/integrations?page=1&per_page=1>; rel=\"prev\", "
            + "<http://localhost/api/integrations?page=3&per_page=1>; rel=\"next\", "
            + "<http://localhost/api/integrations?page=3&per_page=1>; rel=\"last\"",
            link);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Two", body.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.Equal(3, body.GetProperty("meta").GetProperty("next_page").GetInt32());
    }

    [Fact]
    public async Task Empty_list_has_a_Link_header_with_only_first()
    {
        var response = await _client.GetAsync("/api/integrations?per_page=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "<http://localhost/api/integrations?page=1&per_page=10>; rel=\"first\"",
            string.Join(", ", response.Headers.GetValues("Link")));
    }

    private const int BodyLimit = 64 * 1024;

    /// <summary>
    /// A UTF-8 JSON body padded with trailing white space to exactly <paramref name="length"/> bytes; without a
    /// declared length it is streamed with no Content-Length, as a chunked upload is.
    /// </summary>
    private static HttpContent Padded(string json, int length, bool declaresLength)
    {
        var bytes = Encoding.UTF8.GetBytes(json.PadRight(length));
        Assert.Equal(length, bytes.Length);
        HttpContent content = declaresLength
            ? new ByteArrayContent(bytes)
            : new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    /// <summary>
    /// A client straight on the test server: the factory's default client buffers a request body (to follow
    /// redirects) and so would send a Content-Length the test means to leave out.
    /// </summary>
    private async Task<HttpClient> UnbufferedClientAsync()
    {
        var client = _factory.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _factory.CreateTokenAsync());
        return client;
    }

    /// <summary>A read-only stream that cannot tell its length, so StreamContent sends no Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    private async Task<string> CreateAsync(string name)
    {
        var response = await _client.PostAsync("/api/integrations", Json(new { name, url = "https://acme.com" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("cloud_id").GetString()!;
    }

    private async Task AssertNothingCreatedAsync()
    {
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt32());
    }
}
