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
        foreach (var method in new[] { "OPTIONS", "TRACE", "PUT", "PROPFIND", "FOO", "get", "head", "Post", "pAtCh", "delete" })
        {
            data.Add(method, Collection, "GET, HEAD, POST");
            data.Add(method, Item, "GET, HEAD, PATCH, DELETE");
            data.Add(method, "/api/ping", "GET, HEAD");
        }

        data.Add("PATCH", Collection, "GET, HEAD, POST");
        data.Add("DELETE", Collection, "GET, HEAD, POST");
        data.Add("POST", Item, "GET, HEAD, PATCH, DELETE");
        data.Add("POST", "/api/ping", "GET, HEAD");
        data.Add("POST", Item + "/versions", "GET, HEAD");
        data.Add("DELETE", Item + "/versions", "GET, HEAD");
        data.Add("get", Item + "/versions", "GET, HEAD");
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
        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Theory]
    [InlineData(Collection)]
    [InlineData("/api/ping")]
    [InlineData("/api/integrations?page=0")]
    [InlineData(Item)]
    public async Task HEAD_answers_as_GET_with_the_same_status_and_headers_and_no_body(string path)
    {
        var client = await _factory.ClientForAsync();

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HeaderNames(get), HeaderNames(head));
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
    }

    [Fact]
    public async Task HEAD_of_an_object_carries_its_ETag_and_honours_If_None_Match()
    {
        var client = await _factory.ClientForAsync();
        var created = await client.PostAsync(Collection, Json("""{"name": "Head", "url": "https://head.example"}"""));
        var path = created.Headers.Location!.AbsolutePath;

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var again = new HttpRequestMessage(HttpMethod.Head, path);
        again.Headers.IfNoneMatch.Add(created.Headers.ETag!);
        var unchanged = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(created.Headers.ETag, head.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Theory]
    [InlineData(Collection)]
    [InlineData(Item)]
    [InlineData("/api/ping")]
    public async Task HEAD_without_a_token_is_401_with_no_body(string path)
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_answers_HEAD()
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Where(k => k != "Date").Order(StringComparer.Ordinal).ToArray();

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
