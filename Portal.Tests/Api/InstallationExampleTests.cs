using System.Net;
using System.Text.Json;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Each JSON example of INSTALLATIONS.md, replayed against /api: keys in the contract's order, formats, values.</summary>
public sealed class InstallationExampleTests : IAsyncLifetime
{
    private const string SeedTimestamp = "2001-01-01T01:01:01.000Z";

    private readonly ApiFactory _factory = new();
    private InstallationWorld _world = null!;

    public async Task InitializeAsync() => _world = await InstallationWorld.CreateAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_installation_object_as_the_integrator_lists_it()
    {
        var client = await _world.IntegratorClientAsync();

        var response = await client.GetAsync($"/api/integrations/{_world.Integration.CloudId}/installations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["data", "meta"], Keys(body));
        var installation = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(["cloud_id", "created_at", "tenant", "site"], Keys(installation));
        Assert.Equal(_world.Installation.CloudId, installation.GetProperty("cloud_id").GetString());
        Assert.Matches("^inst_[A-Za-z0-9]{32}$", installation.GetProperty("cloud_id").GetString());
        Assert.Equal(SeedTimestamp, installation.GetProperty("created_at").GetString());
        var tenant = installation.GetProperty("tenant");
        Assert.Equal(["cloud_id", "name"], Keys(tenant));
        Assert.Matches("^te_[A-Za-z0-9]{32}$", tenant.GetProperty("cloud_id").GetString());
        Assert.Equal("Tenant", tenant.GetProperty("name").GetString());
        var site = installation.GetProperty("site");
        Assert.Equal(["cloud_id", "name"], Keys(site));
        Assert.Equal(_world.Installation.Site.CloudId, site.GetProperty("cloud_id").GetString());
        Assert.Matches("^sit_[A-Za-z0-9]{32}$", site.GetProperty("cloud_id").GetString());
        Assert.Equal("Site 1", site.GetProperty("name").GetString());
        AssertMeta(body.GetProperty("meta"), total: 1, perPage: 100);
    }

    [Fact]
    public async Task The_access_key_object_on_creation_has_the_whole_secret_and_a_Location()
    {
        var client = await _world.IntegratorClientAsync();

        var response = await client.PostAsync($"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var key = await ReadJsonAsync(response);
        Assert.Equal(["id", "access_key", "last_active_at", "created_at"], Keys(key));
        var id = key.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.Matches("^ak_[A-Za-z0-9]{32}$", key.GetProperty("access_key").GetString());
        Assert.Equal(JsonValueKind.Null, key.GetProperty("last_active_at").ValueKind);
        Assert.Equal(SeedTimestamp, key.GetProperty("created_at").GetString());
        Assert.Equal(new Uri($"http://localhost/api/integrations/accesskeys/{id}"), response.Headers.Location);
    }

    [Fact]
    public async Task The_access_key_object_elsewhere_is_obfuscated_to_the_same_length()
    {
        var client = await _world.IntegratorClientAsync();
        var created = await ReadJsonAsync(await client.PostAsync($"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys", null));
        var secret = created.GetProperty("access_key").GetString()!;
        var id = created.GetProperty("id").GetString();

        var got = await client.GetAsync($"/api/integrations/accesskeys/{id}");
        var listed = await ReadJsonAsync(await client.GetAsync($"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys"));

        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        var key = await ReadJsonAsync(got);
        Assert.Equal(["id", "access_key", "last_active_at", "created_at"], Keys(key));
        var obfuscated = key.GetProperty("access_key").GetString()!;
        Assert.Equal("ak_" + new string('x', 28) + secret[^4..], obfuscated);
        Assert.Equal(secret.Length, obfuscated.Length);
        Assert.Equal(id, key.GetProperty("id").GetString());
        Assert.Equal(SeedTimestamp, key.GetProperty("created_at").GetString());
        Assert.NotNull(got.Headers.ETag);
        Assert.Equal(["data", "meta"], Keys(listed));
        Assert.Equal(key.GetRawText(), Assert.Single(listed.GetProperty("data").EnumerateArray()).GetRawText());
        AssertMeta(listed.GetProperty("meta"), total: 1, perPage: 100);
    }

    [Fact]
    public async Task The_current_installation_as_an_access_key_sees_it()
    {
        var client = await _world.NewKeyClientAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var response = await client.GetAsync("/api/integration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["cloud_id", "name", "url", "type", "signed", "description", "access_key", "site"], Keys(body));
        Assert.Equal(_world.Installation.CloudId, body.GetProperty("cloud_id").GetString());
        Assert.Equal("Acme Plus", body.GetProperty("name").GetString());
        Assert.Equal("https://acme.com/products/acme-plus", body.GetProperty("url").GetString());
        Assert.Equal("third_party", body.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, body.GetProperty("signed").ValueKind);
        Assert.Equal("Integrate Gestal Cloud with Acme Plus notification service.", body.GetProperty("description").GetString());
        var key = body.GetProperty("access_key");
        Assert.Equal(["last_active_at"], Keys(key));
        Assert.Equal("2001-01-01T01:01:02.000Z", key.GetProperty("last_active_at").GetString()); // this request included
        var site = body.GetProperty("site");
        Assert.Equal(["cloud_id", "name"], Keys(site));
        Assert.Equal(_world.Installation.Site.CloudId, site.GetProperty("cloud_id").GetString());
        Assert.Equal("Site 1", site.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_current_installation_shows_the_integrations_current_values()
    {
        var client = await _world.NewKeyClientAsync();
        var integrator = await _world.IntegratorClientAsync();
        await integrator.PatchAsync($"/api/integrations/{_world.Integration.CloudId}",
            Json("""{"name": "Acme Plus 2", "url": "https://acme.com/2", "description": null}"""));

        var body = await ReadJsonAsync(await client.GetAsync("/api/integration"));

        Assert.Equal("Acme Plus 2", body.GetProperty("name").GetString());
        Assert.Equal("https://acme.com/2", body.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task A_test_installation_has_exactly_the_same_objects()
    {
        var test = await _world.Installations.InstallOnTestSiteAsync(_world.Integrator, _world.Integration.CloudId);
        var keyClient = _world.KeyClient((await _world.CreateKeyAsync(test.CloudId)).Secret);
        var integrator = await _world.IntegratorClientAsync();

        var current = await ReadJsonAsync(await keyClient.GetAsync("/api/integration"));
        var listed = await ReadJsonAsync(await integrator.GetAsync($"/api/integrations/{_world.Integration.CloudId}/installations"));

        Assert.Equal(["cloud_id", "name", "url", "type", "signed", "description", "access_key", "site"], Keys(current));
        Assert.Equal(test.CloudId, current.GetProperty("cloud_id").GetString());
        Assert.Equal("Test site", current.GetProperty("site").GetProperty("name").GetString());
        var testRow = listed.GetProperty("data").EnumerateArray().Single(i => i.GetProperty("cloud_id").GetString() == test.CloudId);
        Assert.Equal(["cloud_id", "created_at", "tenant", "site"], Keys(testRow));
        Assert.Equal("Acme Farms Software", testRow.GetProperty("tenant").GetProperty("name").GetString());
    }

    [Fact]
    public async Task HTTPie_style_basic_with_the_key_and_an_empty_password_and_bearer_both_ping()
    {
        var secret = (await _world.CreateKeyAsync()).Secret;

        Assert.Equal(HttpStatusCode.NoContent, (await _world.KeyClient(secret).GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _world.BearerKeyClient(secret).GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _world.BearerKeyClient(secret).GetAsync("/api/integration")).StatusCode);
    }

    private static void AssertMeta(JsonElement meta, int total, int perPage)
    {
        Assert.Equal(["total", "pages", "per_page", "current_page", "next_page", "previous_page", "first_page", "last_page", "out_of_range", "page_total"], Keys(meta));
        Assert.Equal(total, meta.GetProperty("total").GetInt32());
        Assert.Equal(perPage, meta.GetProperty("per_page").GetInt32());
    }
}
