using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Tokens;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>GET /api/integrations/{id}/versions, replayed from INSTALLATIONS.md's Versions section.</summary>
public sealed class VersionsApiTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private readonly Actor _acme = Actor.Integrator("acme-" + Guid.NewGuid().ToString("N"), "Acme Farms Software");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IntegrationService Integrations => _factory.Services.GetRequiredService<IntegrationService>();

    private async Task<HttpClient> TokenClientAsync(string userId, ActorRole role = ActorRole.Integrator, string label = "ci")
    {
        var token = await _factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(userId, role, label, null);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return client;
    }

    private Task<IntegrationData> CreateSeedAsync() =>
        Integrations.CreateAsync(_acme, IntegrationInput.FromForm(
            "Acme Plus", "https://acme.com/products/acme-plus", "Integrate Gestal Cloud with Acme Plus notification service."));

    private async Task PatchUrlsAsync(IntegrationData integration, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Integrations.UpdateAsync(_acme, integration.CloudId, new IntegrationInput(Field.Absent, Field.Of($"https://acme.com/{i}"), Field.Absent));
        }
    }

    [Fact]
    public async Task The_contracts_example_replays_keys_in_order_and_values_exactly()
    {
        var plus = await CreateSeedAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var ci = await TokenClientAsync(_acme.UserId);
        var patched = await ci.PatchAsync($"/api/integrations/{plus.CloudId}", Json("""{"url": "https://acme.com/products/another-url"}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var response = await ci.GetAsync($"/api/integrations/{plus.CloudId}/versions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["data", "meta"], Keys(body));
        var versions = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.Equal(["event", "changes", "actor", "created_at"], Keys(v)));
        Assert.Equal(
            """{"event":"update","changes":{"url":["https://acme.com/products/acme-plus","https://acme.com/products/another-url"]},"actor":{"type":"api_token","name":"ci"},"created_at":"2001-01-01T01:01:02.000Z"}""",
            versions[0].GetRawText());
        Assert.Equal(
            """{"event":"create","changes":{"name":[null,"Acme Plus"],"url":[null,"https://acme.com/products/acme-plus"],"description":[null,"Integrate Gestal Cloud with Acme Plus notification service."]},"actor":{"type":"user","name":"Acme Farms Software"},"created_at":"2001-01-01T01:01:01.000Z"}""",
            versions[1].GetRawText());
        var meta = body.GetProperty("meta");
        Assert.Equal(
            """{"total":2,"pages":1,"per_page":50,"current_page":1,"next_page":false,"previous_page":false,"first_page":true,"last_page":true,"out_of_range":false,"page_total":2}""",
            meta.GetRawText());
    }

    [Fact]
    public async Task A_create_without_a_description_has_no_description_key_and_a_no_op_patch_adds_no_version()
    {
        var plus = await Integrations.CreateAsync(_acme, IntegrationInput.FromForm("Acme Plus", "https://acme.com/p", null));
        var client = await TokenClientAsync(_acme.UserId);
        await client.PatchAsync($"/api/integrations/{plus.CloudId}", Json("""{"name": "  Acme Plus  "}"""));

        var body = await ReadJsonAsync(await client.GetAsync($"/api/integrations/{plus.CloudId}/versions"));

        var only = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(["name", "url"], Keys(only.GetProperty("changes")));
    }

    [Fact]
    public async Task Paging_follows_every_list_default_50_clamped_to_1000_with_a_Link_header()
    {
        var plus = await CreateSeedAsync();
        await PatchUrlsAsync(plus, 4);
        var client = await TokenClientAsync(_acme.UserId);

        var second = await client.GetAsync($"/api/integrations/{plus.CloudId}/versions?page=2&per_page=2");
        var clamped = await ReadJsonAsync(await client.GetAsync($"/api/integrations/{plus.CloudId}/versions?per_page=5000"));
        var beyond = await ReadJsonAsync(await client.GetAsync($"/api/integrations/{plus.CloudId}/versions?page=9&per_page=2"));

        var body = await ReadJsonAsync(second);
        Assert.Equal(["https://acme.com/2", "https://acme.com/1"],
            body.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("changes").GetProperty("url")[1].GetString()));
        Assert.Equal(
            """{"total":5,"pages":3,"per_page":2,"current_page":2,"next_page":3,"previous_page":1,"first_page":false,"last_page":false,"out_of_range":false,"page_total":2}""",
            body.GetProperty("meta").GetRawText());
        var link = string.Join(", ", second.Headers.GetValues("Link"));
        Assert.Contains($"<http://localhost/api/integrations/{plus.CloudId}/versions?page=3&per_page=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains($"<http://localhost/api/integrations/{plus.CloudId}/versions?page=1&per_page=2>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Equal(1000, clamped.GetProperty("meta").GetProperty("per_page").GetInt32());
        Assert.Equal(5, clamped.GetProperty("meta").GetProperty("page_total").GetInt32());
        Assert.True(beyond.GetProperty("meta").GetProperty("out_of_range").GetBoolean());
        Assert.Equal(JsonValueKind.False, beyond.GetProperty("meta").GetProperty("next_page").ValueKind);
        Assert.Equal(JsonValueKind.False, beyond.GetProperty("meta").GetProperty("previous_page").ValueKind);
        Assert.Empty(beyond.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("per_page=0")]
    [InlineData("page=-1")]
    [InlineData("per_page=abc")]
    [InlineData("page=1&page=2")]
    public async Task A_page_that_is_not_a_whole_number_of_at_least_1_is_422(string query)
    {
        var plus = await CreateSeedAsync();
        var client = await TokenClientAsync(_acme.UserId);

        var response = await client.GetAsync($"/api/integrations/{plus.CloudId}/versions?{query}");

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation");
    }

    [Fact]
    public async Task An_unknown_or_another_integrators_integration_is_404_before_a_bad_page()
    {
        var plus = await CreateSeedAsync();
        var other = await TokenClientAsync("globex-" + Guid.NewGuid().ToString("N"));

        await ProblemAsync(await other.GetAsync($"/api/integrations/{plus.CloudId}/versions"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await other.GetAsync($"/api/integrations/{plus.CloudId}/versions?page=0"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await other.GetAsync("/api/integrations/int_unknown/versions"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Deleting_the_integration_deletes_its_versions()
    {
        var plus = await CreateSeedAsync();
        var client = await TokenClientAsync(_acme.UserId);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/integrations/{plus.CloudId}")).StatusCode);

        await ProblemAsync(await client.GetAsync($"/api/integrations/{plus.CloudId}/versions"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Only_an_integrators_token_reads_versions()
    {
        var plus = await CreateSeedAsync();
        var tenant = await TokenClientAsync("farm-" + Guid.NewGuid().ToString("N"), ActorRole.Tenant);
        var world = await InstallationWorld.CreateAsync(_factory, "Other");
        var key = await world.NewKeyClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync($"/api/integrations/{plus.CloudId}/versions")).StatusCode);
        await ProblemAsync(await tenant.GetAsync($"/api/integrations/{plus.CloudId}/versions"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await key.GetAsync($"/api/integrations/{world.Integration.CloudId}/versions"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_versions_list()
    {
        var paths = (await ReadJsonAsync(await _factory.CreateClient().GetAsync("/openapi/v1.json"))).GetProperty("paths");

        var operation = paths.GetProperty("/api/integrations/{integrationId}/versions").GetProperty("get");
        Assert.Equal(["200", "401", "403", "404", "422", "429", "500", "503"], Keys(operation.GetProperty("responses")).Order());
        Assert.Equal(["integrationId", "page", "per_page"], operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
    }
}
