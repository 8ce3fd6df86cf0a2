using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Tokens;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>API tokens: Bearer or Basic (token as user name, empty password); 401 and 403 as API.md says.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Ping_answers_204_to_a_bearer_token()
    {
        var client = await _factory.ClientForAsync();

        var response = await client.GetAsync("/api/ping");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Ping_answers_204_to_a_tenant_token()
    {
        var client = await _factory.ClientForAsync("dev-hillside", ActorRole.Tenant);

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
    }

    [Fact]
    public async Task Basic_with_the_token_as_user_name_and_an_empty_password_is_accepted()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = ApiFactory.Basic(await _factory.CreateTokenAsync(), "");

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integrations")).StatusCode);
    }

    [Fact]
    public async Task Basic_with_a_password_is_401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = ApiFactory.Basic(await _factory.CreateTokenAsync(), "secret");

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task Missing_token_is_401_with_WWW_Authenticate_for_Bearer_and_Basic()
    {
        var response = await _factory.CreateClient().GetAsync("/api/integrations");

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("Bearer gcp_notarealtokennotarealtokennotarealtoken1")]
    [InlineData("Bearer something-else")]
    [InlineData("Token abc")]
    public async Task Unknown_or_malformed_token_is_401(string authorization)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task Revoked_token_is_401()
    {
        var token = await _factory.CreateTokenAsync();
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);

        await _factory.Services.GetRequiredService<ApiTokenService>().RevokeAsync(null, token[..12]);

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await _factory.CreateTokenAsync(expiresInDays: 1));
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromDays(1));

        await AssertUnauthorizedAsync(await client.GetAsync("/api/ping"));
    }

    [Theory]
    [InlineData("GET", "/api/integrations")]
    [InlineData("POST", "/api/integrations")]
    [InlineData("GET", "/api/integrations/int_00000000000000000000000000000000")]
    [InlineData("PATCH", "/api/integrations/int_00000000000000000000000000000000")]
    [InlineData("DELETE", "/api/integrations/int_00000000000000000000000000000000")]
    [InlineData("PUT", "/api/integrations")]
    public async Task Tenant_token_is_403_on_every_integrations_endpoint(string method, string path)
    {
        var client = await _factory.ClientForAsync("dev-hillside", ActorRole.Tenant);

        // A body that would be refused for its shape shows that the role is checked first.
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PATCH" ? Json("not json", "text/plain") : null,
        });

        await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.True(response.Headers.Contains("RateLimit-Limit"));
    }

    [Fact]
    public async Task Wrong_method_without_a_token_is_401_not_405()
    {
        var response = await _factory.CreateClient().PutAsync("/api/integrations", Json("{}"));

        await AssertUnauthorizedAsync(response);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToArray();
        Assert.Contains("Bearer", challenges);
        Assert.Contains("Basic", challenges);
    }
}
