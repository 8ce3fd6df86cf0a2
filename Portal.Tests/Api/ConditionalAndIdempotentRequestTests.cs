using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>ETag / If-None-Match / If-Match, and Idempotency-Key on create.</summary>
public sealed class ConditionalAndIdempotentRequestTests : IAsyncLifetime
{
    private const string Body = """{"name": "Acme Plus", "url": "https://acme.com/products/acme-plus"}""";

    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_with_a_matching_If_None_Match_is_304_without_a_body()
    {
        var (cloudId, etag) = await CreateAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/integrations/{cloudId}");
        request.Headers.IfNoneMatch.Add(etag);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_with_a_weak_If_None_Match_of_the_current_tag_is_304()
    {
        var (cloudId, etag) = await CreateAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/integrations/{cloudId}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_with_an_old_If_None_Match_answers_the_new_state()
    {
        var (cloudId, etag) = await CreateAsync();
        await _client.PatchAsync($"/api/integrations/{cloudId}", Json("""{"name": "Acme Max"}"""));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/integrations/{cloudId}");
        request.Headers.IfNoneMatch.Add(etag);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
        Assert.Equal("Acme Max", (await ReadJsonAsync(response)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_with_the_current_If_Match_applies()
    {
        var (cloudId, etag) = await CreateAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/integrations/{cloudId}") { Content = Json("""{"name": "Acme Max"}""") };
        request.Headers.IfMatch.Add(etag);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var (cloudId, etag) = await CreateAsync();
        await _client.PatchAsync($"/api/integrations/{cloudId}", Json("""{"name": "Changed elsewhere"}"""));
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/integrations/{cloudId}") { Content = Json("""{"name": "Mine"}""") };
        request.Headers.IfMatch.Add(etag);

        var response = await _client.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.PreconditionFailed, "precondition-failed");
        var current = await ReadJsonAsync(await _client.GetAsync($"/api/integrations/{cloudId}"));
        Assert.Equal("Changed elsewhere", current.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_with_a_stale_If_Match_is_412_and_keeps_the_integration()
    {
        var (cloudId, etag) = await CreateAsync();
        await _client.PatchAsync($"/api/integrations/{cloudId}", Json("""{"url": "https://acme.com/new"}"""));
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/integrations/{cloudId}");
        request.Headers.IfMatch.Add(etag);

        await ProblemAsync(await _client.SendAsync(request), HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/integrations/{cloudId}")).StatusCode);
    }

    [Fact]
    public async Task Same_Idempotency_Key_and_same_body_replays_the_first_response()
    {
        var first = await PostWithKeyAsync("key-1", Body);
        var second = await PostWithKeyAsync("key-1", """{ "url": "https://acme.com/products/acme-plus", "name": "Acme Plus" }""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        var list = await ReadJsonAsync(await _client.GetAsync("/api/integrations"));
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Same_Idempotency_Key_with_a_different_body_is_409()
    {
        await PostWithKeyAsync("key-1", Body);

        var response = await PostWithKeyAsync("key-1", """{"name": "Other", "url": "https://other.example"}""");

        await ProblemAsync(response, HttpStatusCode.Conflict, "idempotency-conflict");
    }

    [Fact]
    public async Task Idempotency_Key_over_255_characters_is_400()
    {
        var response = await PostWithKeyAsync(new string('k', 256), Body);

        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Idempotency_Key_of_exactly_255_characters_is_accepted_and_replays()
    {
        var key = new string('k', 255);

        var first = await PostWithKeyAsync(key, Body);
        var second = await PostWithKeyAsync(key, Body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task Create_without_an_Idempotency_Key_is_not_marked_as_replayed_and_is_not_remembered()
    {
        var first = await _client.PostAsync("/api/integrations", Json(Body));
        var second = await _client.PostAsync("/api/integrations", Json("""{"name": "Acme Max", "url": "https://acme.com/products/acme-max"}"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task Failed_create_is_not_remembered_for_its_Idempotency_Key()
    {
        var failed = await PostWithKeyAsync("key-1", """{"name": "Acme Plus"}""");
        var retried = await PostWithKeyAsync("key-1", """{"name": "Acme Plus"}""");
        var fixedBody = await PostWithKeyAsync("key-1", Body);

        Assert.Equal((HttpStatusCode)422, failed.StatusCode);
        Assert.Equal((HttpStatusCode)422, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fixedBody.StatusCode);
    }

    [Fact]
    public async Task Idempotency_Keys_are_kept_per_integrator()
    {
        await PostWithKeyAsync("key-1", Body);
        var globex = await _factory.ClientForAsync("dev-globex");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        request.Headers.Add("Idempotency-Key", "key-1");

        var response = await globex.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    // Locations are remembered as paths and answered with the public origin; a response remembered before that (an
    // absolute URL, kept for a day) replays exactly as it was first answered.
    [Fact]
    public async Task A_response_remembered_with_an_absolute_location_replays_it_unchanged()
    {
        var first = await PostWithKeyAsync("key-legacy", Body);
        const string remembered = "https://portal.before.example/api/integrations/int_remembered";
        var databases = _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.IdempotencyRecords.Where(r => r.Key == "key-legacy")
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Location, remembered)));
        }

        var replay = await PostWithKeyAsync("key-legacy", Body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(first.Headers.Location!.IsAbsoluteUri);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(remembered, replay.Headers.Location!.ToString());
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private async Task<(string CloudId, EntityTagHeaderValue ETag)> CreateAsync()
    {
        var response = await _client.PostAsync("/api/integrations", Json(Body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await ReadJsonAsync(response)).GetProperty("cloud_id").GetString()!, response.Headers.ETag!);
    }
}
