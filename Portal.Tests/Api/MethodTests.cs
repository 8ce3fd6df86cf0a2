using System.Net;
using Portal.Data;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Every method a resource does not serve is 405 with its Allow header, after authentication (401 first).</summary>
public sealed class MethodTests : IAsyncLifetime
{
    private const string Collection = "/api/integrations";
    private const string Item = "/api/integrations/int_00000000000000000000000000000000";
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public static TheoryData<string, string, string> Refused()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in new[] { "HEAD", "OPTIONS", "TRACE", "PUT", "PROPFIND", "FOO", "get", "Post", "pAtCh", "delete" })
        {
            data.Add(method, Collection, "GET, POST");
            data.Add(method, Item, "GET, PATCH, DELETE");
            data.Add(method, "/api/ping", "GET");
        }

        data.Add("PATCH", Collection, "GET, POST");
        data.Add("DELETE", Collection, "GET, POST");
        data.Add("POST", Item, "GET, PATCH, DELETE");
        data.Add("POST", "/api/ping", "GET");
        data.Add("POST", Item + "/versions", "GET");
        data.Add("DELETE", Item + "/versions", "GET");
        data.Add("get", Item + "/versions", "GET");
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_method_the_resource_does_not_serve_is_405_naming_exactly_what_it_serves(string method, string path, string allow)
    {
        var client = await _factory.ClientForAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        if (method != "HEAD")
        {
            await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Without_a_token_any_method_is_401_first(string method, string path, string allow)
    {
        _ = allow;
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Content.Headers.Contains("Allow"));
    }

    [Theory]
    [InlineData("HEAD", Collection)]
    [InlineData("OPTIONS", Item)]
    [InlineData("get", Collection)]
    public async Task A_tenant_token_is_403_before_the_method_is_judged(string method, string path)
    {
        var client = await _factory.ClientForAsync("dev-hillside", ActorRole.Tenant);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_served_methods_still_answer()
    {
        var client = await _factory.ClientForAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Collection)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Item)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(Item)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/integrations/a/b")).StatusCode);
    }
}
