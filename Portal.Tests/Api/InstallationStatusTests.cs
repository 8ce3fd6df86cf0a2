using System.Net;
using System.Text;
using Portal.Data;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Every status row of INSTALLATIONS.md for the installations list and the four access-key endpoints.</summary>
public sealed class InstallationStatusTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private InstallationWorld _world = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _world = await InstallationWorld.CreateAsync(_factory);
        _client = await _world.IntegratorClientAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string KeysPath => $"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys";

    private string InstallationsPath => $"/api/integrations/{_world.Integration.CloudId}/installations";

    [Fact]
    public async Task No_installations_is_200_with_an_empty_list()
    {
        var empty = await _world.Integrations.CreateAsync(_world.Integrator,
            Portal.Data.Integrations.IntegrationInput.FromForm("Empty", "https://acme.com/empty", null));

        var response = await _client.GetAsync($"/api/integrations/{empty.CloudId}/installations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Empty(body.GetProperty("data").EnumerateArray());
        Assert.Equal(0, body.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.True(body.GetProperty("meta").GetProperty("last_page").GetBoolean());
    }

    [Theory]
    [InlineData("int_00000000000000000000000000000000")]
    [InlineData("not-an-id")]
    public async Task An_unknown_or_malformed_integration_lists_404(string id)
    {
        await ProblemAsync(await _client.GetAsync($"/api/integrations/{id}/installations"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Another_integrators_integration_lists_404()
    {
        var other = await InstallationWorld.CreateAsync(_factory, "Globex Feed");

        var response = await _client.GetAsync($"/api/integrations/{other.Integration.CloudId}/installations");

        await ProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_installations_list_pages_with_meta_and_Link_newest_update_first()
    {
        for (var i = 2; i <= 5; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await InstallationWorld.InstallAsync(_factory, _world.Tenant, _world.Integration, $"Site {i}");
        }

        var response = await _client.GetAsync($"{InstallationsPath}?page=2&per_page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["Site 3", "Site 2"], body.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("site").GetProperty("name").GetString()));
        var meta = body.GetProperty("meta");
        Assert.Equal("""{"total":5,"pages":3,"per_page":2,"current_page":2,"next_page":3,"previous_page":1,"first_page":false,"last_page":false,"out_of_range":false,"page_total":2}""", meta.GetRawText());
        var link = response.Headers.GetValues("Link").Single();
        var url = $"http://localhost{InstallationsPath}";
        Assert.Equal($"<{url}?page=1&per_page=2>; rel=\"first\", <{url}?page=1&per_page=2>; rel=\"prev\", <{url}?page=3&per_page=2>; rel=\"next\", <{url}?page=3&per_page=2>; rel=\"last\"", link);
    }

    [Fact]
    public async Task Renaming_a_site_moves_its_installation_to_the_top_with_its_new_name()
    {
        var second = await InstallationWorld.InstallAsync(_factory, _world.Tenant, _world.Integration, "Site 2");
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.Sites.RenameAsync(_world.Tenant, _world.Installation.Site.CloudId, "Site 1, renamed");

        var body = await ReadJsonAsync(await _client.GetAsync(InstallationsPath));

        var names = body.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("site").GetProperty("name").GetString());
        Assert.Equal(["Site 1, renamed", "Site 2"], names);
        Assert.NotEqual(second.CloudId, body.GetProperty("data")[0].GetProperty("cloud_id").GetString());
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData(null, "0")]
    [InlineData("x", null)]
    [InlineData("2&page=1", null)]
    [InlineData(null, "10&per_page=20")]
    public async Task Bad_paging_is_422(string? page, string? perPage)
    {
        // A repeated parameter is refused as for the integrations list, not read as its first value.
        var query = string.Join("&", new[] { page is null ? null : $"page={page}", perPage is null ? null : $"per_page={perPage}" }.Where(p => p is not null));

        await ProblemAsync(await _client.GetAsync($"{InstallationsPath}?{query}"), HttpStatusCode.UnprocessableEntity, "validation");
        await ProblemAsync(await _client.GetAsync($"{KeysPath}?{query}"), HttpStatusCode.UnprocessableEntity, "validation");
    }

    [Fact]
    public async Task Bad_paging_of_an_unknown_parent_is_404_as_the_object_is_checked_first()
    {
        await ProblemAsync(await _client.GetAsync("/api/integrations/int_00000000000000000000000000000000/installations?page=0"),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.GetAsync("/api/integrations/installations/inst_00000000000000000000000000000000/accesskeys?per_page=x"),
            HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Per_page_above_1000_is_clamped()
    {
        var body = await ReadJsonAsync(await _client.GetAsync($"{KeysPath}?per_page=5000"));

        Assert.Equal(1000, body.GetProperty("meta").GetProperty("per_page").GetInt32());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("{}", "application/json")]
    [InlineData("{}", "application/json; charset=utf-8")]
    [InlineData("  { }  ", "application/vnd.gestal+json")]
    [InlineData("", "application/json")]
    public async Task Create_with_no_body_or_an_empty_object_is_201(string? body, string? mediaType)
    {
        var content = body is null ? null : new StringContent(body, Encoding.UTF8);
        if (content is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType!);
        }

        var response = await _client.PostAsync(KeysPath, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task Create_with_attributes_is_422_unknown_attribute_for_each_and_makes_no_key()
    {
        var response = await _client.PostAsync(KeysPath, Json("""{"name": "ci", "access_key": "ak_mine"}"""));

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation");
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["name", "access_key"], errors.Select(e => e.GetProperty("attribute").GetString()));
        Assert.All(errors, e => Assert.Equal("unknown_attribute", e.GetProperty("code").GetString()));
        Assert.Equal(0, (await ReadJsonAsync(await _client.GetAsync(KeysPath))).GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public async Task Create_with_malformed_json_or_a_non_object_is_400(string body)
    {
        await ProblemAsync(await _client.PostAsync(KeysPath, Json(body)), HttpStatusCode.BadRequest, "malformed-request");
    }

    [Theory]
    [InlineData("{}", "text/plain")]
    [InlineData("", "text/plain")]
    [InlineData("{}", "application/json; charset=latin1")]
    public async Task Create_with_another_media_type_is_415(string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);

        await ProblemAsync(await _client.PostAsync(KeysPath, content), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Create_with_a_body_over_64_KiB_is_413()
    {
        var body = "{\"a\":\"" + new string('x', 70_000) + "\"}";

        await ProblemAsync(await _client.PostAsync(KeysPath, Json(body)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task The_shape_is_judged_before_the_installation_is_found()
    {
        var path = "/api/integrations/installations/inst_00000000000000000000000000000000/accesskeys";

        await ProblemAsync(await _client.PostAsync(path, Json("nope")), HttpStatusCode.BadRequest, "malformed-request");
        await ProblemAsync(await _client.PostAsync(path, Json("""{"name":"x"}""")), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("inst_00000000000000000000000000000000")]
    [InlineData("malformed")]
    public async Task Keys_of_an_unknown_or_malformed_installation_are_404(string id)
    {
        await ProblemAsync(await _client.PostAsync($"/api/integrations/installations/{id}/accesskeys", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.GetAsync($"/api/integrations/installations/{id}/accesskeys"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Another_integrators_installation_and_keys_are_404_and_stay_untouched()
    {
        var other = await InstallationWorld.CreateAsync(_factory, "Globex Feed");
        var theirKey = await other.CreateKeyAsync();
        var theirs = $"/api/integrations/installations/{other.Installation.CloudId}/accesskeys";
        var theirKeyPath = $"/api/integrations/accesskeys/{theirKey.Key.Id}";

        await ProblemAsync(await _client.PostAsync(theirs, null), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.GetAsync(theirs), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.GetAsync(theirKeyPath), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.DeleteAsync(theirKeyPath), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.OK, (await other.KeyClient(theirKey.Secret).GetAsync("/api/integration")).StatusCode);
        Assert.Single((await other.AccessKeys.ListAsync(other.Integrator, other.Installation.CloudId, Portal.Data.Paging.PageRequest.Default)).Data);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uuid")]
    [InlineData("25201008-8c5a-4acb-b9f6-fd6a5f4e41c5x")]
    public async Task An_unknown_or_malformed_key_id_is_404(string id)
    {
        await ProblemAsync(await _client.GetAsync($"/api/integrations/accesskeys/{id}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.DeleteAsync($"/api/integrations/accesskeys/{id}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Delete_is_204_then_the_key_is_404()
    {
        var key = await _world.CreateKeyAsync();
        var path = $"/api/integrations/accesskeys/{key.Key.Id}";

        var deleted = await _client.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAsync(await _client.GetAsync(path), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await _client.DeleteAsync(path), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Keys_are_listed_newest_first()
    {
        var older = await _world.CreateKeyAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await _world.CreateKeyAsync();

        var body = await ReadJsonAsync(await _client.GetAsync(KeysPath));

        Assert.Equal([newer.Key.Id.ToString(), older.Key.Id.ToString()],
            body.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_matching_If_None_Match_on_a_key_is_304()
    {
        var key = await _world.CreateKeyAsync();
        var path = $"/api/integrations/accesskeys/{key.Key.Id}";
        var first = await _client.GetAsync(path);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
    }

    [Theory]
    [InlineData("POST", "installations")]
    [InlineData("DELETE", "installations")]
    [InlineData("PUT", "keys")]
    [InlineData("DELETE", "keys")]
    [InlineData("POST", "key")]
    [InlineData("PATCH", "key")]
    public async Task Other_methods_are_405_with_Allow(string method, string resource)
    {
        var key = await _world.CreateKeyAsync();
        var (path, allow) = resource switch
        {
            "installations" => (InstallationsPath, "GET, HEAD"),
            "keys" => (KeysPath, "GET, HEAD, POST"),
            _ => ($"/api/integrations/accesskeys/{key.Key.Id}", "GET, HEAD, DELETE"),
        };

        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Other_methods_on_the_current_installation_are_405(string method)
    {
        var client = await _world.NewKeyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/integration"));

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Every_response_to_an_access_key_carries_RateLimit_headers()
    {
        var client = await _world.NewKeyClientAsync();

        foreach (var response in new[] { await client.GetAsync("/api/integration"), await client.GetAsync("/api/integrations") })
        {
            Assert.Equal("1200", response.Headers.GetValues("RateLimit-Limit").Single());
        }
    }

    [Fact]
    public async Task A_tenant_sees_none_of_this_even_for_its_own_installation()
    {
        var tenant = await _world.TenantClientAsync();

        var response = await tenant.GetAsync(InstallationsPath);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("integrators' tokens", problem.GetProperty("detail").GetString());
        Assert.Equal(ActorRole.Tenant, _world.Tenant.Role);
    }
}
