using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Caching;
using Portal.Data.Integrations;
using Portal.Data.Tokens;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>
/// The services cache what requests read (tokens, keys, integrations, pages). Whatever is cached, a change is seen by
/// the very next request, by whoever it was made, and no caller sees another's data. Each test reads twice first, so
/// that the value is cached before the change.
/// </summary>
public sealed class CachedReadTests : IAsyncLifetime
{
    private int _documentsBuilt;
    private readonly ApiFactory _factory;

    public CachedReadTests() =>
        _factory = new ApiFactory(services: services => services.Configure<OpenApiOptions>("v1", options =>
            options.AddDocumentTransformer((_, _, _) =>
            {
                Interlocked.Increment(ref _documentsBuilt);
                return Task.CompletedTask;
            })));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string NewUser() => "integrator-" + Guid.NewGuid().ToString("N");

    private IntegrationService Integrations => _factory.Services.GetRequiredService<IntegrationService>();

    private async Task<(HttpClient Client, string Token)> ClientAsync(string user)
    {
        var token = await _factory.CreateTokenAsync(user);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    private async Task<IntegrationData> CreateAsync(string user, string name = "Feed") =>
        await Integrations.CreateAsync(Actor.Integrator(user), new IntegrationInput(Field.Of(name), Field.Of("https://example.com/feed"), Field.Absent));

    private static async Task WarmAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_token_revoked_in_the_portal_is_401_on_the_next_request()
    {
        var user = NewUser();
        var (client, token) = await ClientAsync(user);
        await WarmAsync(client, "/api/ping");

        await _factory.Services.GetRequiredService<ApiTokenService>().RevokeAsync(user, token[..12]);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task A_token_revoked_by_another_process_is_401_on_the_next_request()
    {
        var (client, token) = await ClientAsync(NewUser());
        await WarmAsync(client, "/api/ping");

        // What "tokens revoke" does from its own process: a commit on a connection the portal does not own.
        var version = _factory.Services.GetRequiredService<IDataVersion>();
        var before = version.Current();
        await using (var other = await TestDatabase.OpenConnectionAsync(TestDatabase.ConnectionStringFor(_factory.Folder)))
        {
            await using var command = other.CreateCommand();
            command.CommandText = "UPDATE api_tokens SET \"RevokedAt\" = '2001-01-01 01:01:01' WHERE \"Prefix\" = @prefix";
            var prefix = command.CreateParameter();
            prefix.ParameterName = "@prefix";
            prefix.Value = token[..12];
            command.Parameters.Add(prefix);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // SQLite sees the commit at once; on PostgreSQL the node hears of it by notification, within milliseconds.
        await Wait.UntilAsync(() => version.Current() != before, TimeSpan.FromSeconds(1));

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task A_token_past_its_expiry_is_401_although_it_was_cached()
    {
        var token = await _factory.CreateTokenAsync(NewUser(), expiresInDays: 1);
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WarmAsync(client, "/api/ping");

        _factory.Clock.Advance(TimeSpan.FromDays(1));

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task After_a_change_the_next_get_has_the_new_body_and_etag_and_the_old_etag_does_not_match()
    {
        var user = NewUser();
        var (client, _) = await ClientAsync(user);
        var integration = await CreateAsync(user);
        var path = $"/api/integrations/{integration.CloudId}";
        await WarmAsync(client, path);
        var before = (await client.GetAsync(path)).Headers.ETag!;

        await Integrations.UpdateAsync(Actor.Integrator(user), integration.CloudId,
            new IntegrationInput(Field.Of("Renamed"), Field.Absent, Field.Absent));

        var after = await client.GetAsync(path);
        Assert.Equal("Renamed", (await ReadJsonAsync(after)).GetProperty("name").GetString());
        Assert.NotEqual(before, after.Headers.ETag);
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(before);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_integration_is_404_and_gone_from_the_list_on_the_next_request()
    {
        var user = NewUser();
        var (client, _) = await ClientAsync(user);
        var integration = await CreateAsync(user);
        var path = $"/api/integrations/{integration.CloudId}";
        await WarmAsync(client, path);
        await WarmAsync(client, "/api/integrations");

        await Integrations.DeleteAsync(Actor.Integrator(user), integration.CloudId);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(0, (await ReadJsonAsync(await client.GetAsync("/api/integrations"))).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Another_integrator_never_gets_a_cached_integration_or_page()
    {
        var owner = NewUser();
        var (ownerClient, _) = await ClientAsync(owner);
        var integration = await CreateAsync(owner);
        await WarmAsync(ownerClient, $"/api/integrations/{integration.CloudId}");
        await WarmAsync(ownerClient, "/api/integrations");
        var (otherClient, _) = await ClientAsync(NewUser());

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/integrations/{integration.CloudId}")).StatusCode);
        var page = await ReadJsonAsync(await otherClient.GetAsync("/api/integrations"));
        Assert.Equal(0, page.GetProperty("data").GetArrayLength());
        Assert.Equal(0, page.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_new_integration_is_on_the_cached_page_at_once()
    {
        var user = NewUser();
        var (client, _) = await ClientAsync(user);
        await CreateAsync(user, "First");
        await WarmAsync(client, "/api/integrations");

        await CreateAsync(user, "Second");

        Assert.Equal(2, (await ReadJsonAsync(await client.GetAsync("/api/integrations"))).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_openapi_document_is_built_once_for_any_number_of_anonymous_requests()
    {
        var client = _factory.CreateClient();
        var first = await client.GetStringAsync("/openapi/v1.json");
        var built = Volatile.Read(ref _documentsBuilt);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, await client.GetStringAsync("/openapi/v1.json"));
        }

        Assert.Equal(1, built);
        Assert.Equal(1, Volatile.Read(ref _documentsBuilt));
    }

    private static Task AssertUnauthorizedAsync(HttpResponseMessage response) =>
        ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
}
