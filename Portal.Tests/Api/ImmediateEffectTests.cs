using System.Net;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Whatever removes a key makes it 401 on the very next request (INSTALLATIONS.md).</summary>
public sealed class ImmediateEffectTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private InstallationWorld _world = null!;

    public async Task InitializeAsync() => _world = await InstallationWorld.CreateAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_deleted_key_is_401_at_once_and_the_installations_other_key_still_works()
    {
        var doomed = await _world.CreateKeyAsync();
        var kept = _world.KeyClient((await _world.CreateKeyAsync()).Secret);
        var client = _world.KeyClient(doomed.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integration")).StatusCode);

        var deleted = await (await _world.IntegratorClientAsync()).DeleteAsync($"/api/integrations/accesskeys/{doomed.Key.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertUnauthorizedAsync(await client.GetAsync("/api/integration"));
        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/integration")).StatusCode);
    }

    [Fact]
    public async Task An_uninstall_makes_its_keys_401_at_once()
    {
        var client = await _world.NewKeyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integration")).StatusCode);

        await _world.Installations.UninstallAsync(_world.Tenant, _world.Installation.CloudId);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/integration"));
    }

    [Fact]
    public async Task Removing_the_site_makes_its_installations_keys_401_at_once()
    {
        var client = await _world.NewKeyClientAsync();
        var elsewhere = await InstallationWorld.InstallAsync(_factory, _world.Tenant, _world.Integration, "Site 2");
        var kept = _world.KeyClient((await _world.CreateKeyAsync(elsewhere.CloudId)).Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integration")).StatusCode);

        await _world.Sites.RemoveAsync(_world.Tenant, _world.Installation.Site.CloudId);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/integration"));
        Assert.Equal(HttpStatusCode.OK, (await kept.GetAsync("/api/integration")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_integration_through_the_api_makes_every_key_of_it_401_at_once()
    {
        var client = await _world.NewKeyClientAsync();
        var other = await InstallationWorld.InstallAsync(_factory, Portal.Data.Actor.Tenant("farm-" + Guid.NewGuid().ToString("N"), "Other"), _world.Integration, "Far site");
        var otherClient = _world.KeyClient((await _world.CreateKeyAsync(other.CloudId)).Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integration")).StatusCode);

        var deleted = await (await _world.IntegratorClientAsync()).DeleteAsync($"/api/integrations/{_world.Integration.CloudId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertUnauthorizedAsync(await client.GetAsync("/api/integration"));
        await AssertUnauthorizedAsync(await otherClient.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task A_made_up_or_password_carrying_access_key_is_401()
    {
        var secret = (await _world.CreateKeyAsync()).Secret;
        var withPassword = _factory.CreateClient();
        withPassword.DefaultRequestHeaders.Authorization = ApiFactory.Basic(secret, "x");

        await AssertUnauthorizedAsync(await withPassword.GetAsync("/api/integration"));
        await AssertUnauthorizedAsync(await _world.KeyClient("ak_" + new string('0', 32)).GetAsync("/api/integration"));
        await AssertUnauthorizedAsync(await _world.KeyClient(secret[..^1]).GetAsync("/api/integration"));
    }

    [Fact]
    public async Task Access_keys_are_rate_limited_per_key_as_tokens_are()
    {
        await using var factory = new ApiFactory(new() { ["Api:RateLimit:PermitLimit"] = "2", ["Api:RateLimit:WindowSeconds"] = "3600" });
        var world = await InstallationWorld.CreateAsync(factory);
        var client = await world.NewKeyClientAsync();
        var otherKey = await world.NewKeyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integration")).StatusCode);
        var last = await client.GetAsync("/api/ping");
        var limited = await client.GetAsync("/api/integration");

        Assert.Equal("0", last.Headers.GetValues("RateLimit-Remaining").Single());
        var problem = await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.StartsWith("This access key made more than 2 requests", problem.GetProperty("detail").GetString());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await otherKey.GetAsync("/api/integration")).StatusCode); // per key
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.Select(h => h.Scheme));
    }
}
