using System.Net;
using System.Net.Http.Headers;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>
/// How the API answers a client that caches or retries, found unasserted by mutation testing (issue 13):
/// If-None-Match with "*" or a list, the message for a bad Idempotency-Key, and what a 201 carries.
/// </summary>
public sealed class ConditionalResultTests : IAsyncLifetime
{
    private const string Body = """{"name": "Acme Plus", "url": "https://acme.com/products/acme-plus"}""";

    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_with_If_None_Match_star_is_304_with_the_current_ETag()
    {
        var created = await _client.PostAsync("/api/integrations", Json(Body));
        var request = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(created.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task Get_with_a_list_of_If_None_Match_tags_is_304_when_any_is_current()
    {
        var created = await _client.PostAsync("/api/integrations", Json(Body));
        var request = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older\""));
        request.Headers.IfNoneMatch.Add(created.Headers.ETag!);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_Idempotency_Key_too_long_is_400_saying_how_long_a_key_may_be_and_creates_nothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        request.Headers.Add("Idempotency-Key", new string('k', 300));

        var response = await _client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal("Idempotency-Key must be 1 to 255 characters.", problem.GetProperty("detail").GetString());
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_201_carries_the_absolute_location_the_etag_and_the_json_of_what_was_made(bool withKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        if (withKey)
        {
            request.Headers.Add("Idempotency-Key", "k-201");
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var made = await ReadJsonAsync(response);
        var cloudId = made.GetProperty("cloud_id").GetString();
        Assert.Equal("Acme Plus", made.GetProperty("name").GetString());
        Assert.True(response.Headers.Location!.IsAbsoluteUri);
        Assert.Equal($"/api/integrations/{cloudId}", response.Headers.Location.AbsolutePath);
        var fetched = await _client.GetAsync(response.Headers.Location);
        Assert.Equal(fetched.Headers.ETag, response.Headers.ETag);
        Assert.NotNull(response.Headers.ETag);
    }
}
