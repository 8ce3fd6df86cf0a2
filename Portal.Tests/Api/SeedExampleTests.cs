using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Each example of the seed (seed-integrations.md), replayed as written against /api.</summary>
public sealed class SeedExampleTests : IAsyncLifetime
{
    private const string SeedCreateBody = """
        {"name": "Acme Plus", "url": "https://acme.com/products/acme-plus", "description": "Integrate Gestal Cloud with Acme Plus notification service."}
        """;

    private const string SeedTimestamp = "2001-01-01T01:01:01.000Z";

    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Create_answers_201_with_the_seed_object_its_Location_and_ETag()
    {
        var response = await _client.PostAsync("/api/integrations", Json(SeedCreateBody));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await ReadJsonAsync(response);
        IsIntegration(body);
        var cloudId = body.GetProperty("cloud_id").GetString();
        Assert.Equal("Acme Plus", body.GetProperty("name").GetString());
        Assert.Equal("https://acme.com/products/acme-plus", body.GetProperty("url").GetString());
        Assert.Equal("Integrate Gestal Cloud with Acme Plus notification service.", body.GetProperty("description").GetString());
        Assert.Equal(SeedTimestamp, body.GetProperty("created_at").GetString());
        Assert.Equal(SeedTimestamp, body.GetProperty("updated_at").GetString());
        Assert.Equal(new Uri($"http://localhost/api/integrations/{cloudId}"), response.Headers.Location);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Retrieve_answers_200_with_the_same_object()
    {
        var created = await CreateSeedAsync();

        var response = await _client.GetAsync($"/api/integrations/{created.GetProperty("cloud_id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        IsIntegration(body);
        Assert.Equal(created.GetRawText(), body.GetRawText());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Patch_with_only_url_leaves_name_and_description_unchanged()
    {
        var created = await CreateSeedAsync();
        var cloudId = created.GetProperty("cloud_id").GetString();
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await _client.PatchAsync($"/api/integrations/{cloudId}",
            Json("""{"url": "https://acme.com/products/another-url"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        IsIntegration(body);
        Assert.Equal(cloudId, body.GetProperty("cloud_id").GetString());
        Assert.Equal("Acme Plus", body.GetProperty("name").GetString());
        Assert.Equal("https://acme.com/products/another-url", body.GetProperty("url").GetString());
        Assert.Equal("Integrate Gestal Cloud with Acme Plus notification service.", body.GetProperty("description").GetString());
        Assert.Equal(SeedTimestamp, body.GetProperty("created_at").GetString());
        Assert.Equal("2001-01-01T01:06:01.000Z", body.GetProperty("updated_at").GetString());
    }

    [Fact]
    public async Task Delete_answers_204_with_no_body_and_the_integration_is_gone()
    {
        var cloudId = (await CreateSeedAsync()).GetProperty("cloud_id").GetString();

        var response = await _client.DeleteAsync($"/api/integrations/{cloudId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/integrations/{cloudId}")).StatusCode);
    }

    [Fact]
    public async Task List_page_1_per_page_10_answers_data_and_the_seed_meta()
    {
        var created = await CreateSeedAsync();

        var response = await _client.GetAsync("/api/integrations?page=1&per_page=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["data", "meta"], Keys(body));
        var item = Assert.Single(body.GetProperty("data").EnumerateArray());
        IsIntegration(item);
        Assert.Equal(created.GetRawText(), item.GetRawText());
        var meta = body.GetProperty("meta");
        Assert.Equal(
            ["total", "pages", "per_page", "current_page", "next_page", "previous_page", "first_page", "last_page", "out_of_range", "page_total"],
            Keys(meta));
        Assert.Equal(
            """{"total":1,"pages":1,"per_page":10,"current_page":1,"next_page":false,"previous_page":false,"first_page":true,"last_page":true,"out_of_range":false,"page_total":1}""",
            meta.GetRawText());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Description_is_null_when_never_set()
    {
        var response = await _client.PostAsync("/api/integrations", Json("""{"name": "Bare", "url": "https://bare.example"}"""));

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        IsIntegration(body);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
    }

    private async Task<JsonElement> CreateSeedAsync()
    {
        var response = await _client.PostAsync("/api/integrations", Json(SeedCreateBody));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
