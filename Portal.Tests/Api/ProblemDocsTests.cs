using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Components.Pages.Docs;
using Portal.Data;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>/docs/errors shows, for every problem type, the detail (and errors) the API really sends.</summary>
public sealed class ProblemDocsTests : IAsyncLifetime
{
    private const string UnknownId = "/api/integrations/int_00000000000000000000000000000000";
    private readonly ApiFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ClientForAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("validation")]
    [InlineData("malformed-request")]
    [InlineData("unauthorized")]
    [InlineData("forbidden")]
    [InlineData("not-found")]
    [InlineData("method-not-allowed")]
    [InlineData("idempotency-conflict")]
    [InlineData("precondition-failed")]
    [InlineData("payload-too-large")]
    [InlineData("unsupported-media-type")]
    public async Task The_documented_example_is_what_the_API_sends(string anchor)
    {
        var doc = Assert.Single(ProblemTypeDocs.All, d => d.Anchor == anchor);

        var response = await ProvokeAsync(anchor);

        var sent = await ProblemAsync(response, (HttpStatusCode)doc.Status, anchor);
        var example = JsonDocument.Parse(doc.ExampleBody).RootElement;
        Assert.Equal(Keys(example), Keys(sent));
        foreach (var key in new[] { "type", "title", "status", "detail", "errors" })
        {
            var documented = example.TryGetProperty(key, out var expected);
            Assert.Equal(documented, sent.TryGetProperty(key, out var actual));
            Assert.True(!documented || JsonElement.DeepEquals(expected, actual), $"{key}: {expected} was documented, {actual} was sent");
        }
    }

    [Fact]
    public void Every_problem_type_of_the_API_is_documented_once() =>
        Assert.Equal(ProblemKind.All.Select(k => k.Anchor).Order(), ProblemTypeDocs.All.Select(d => d.Anchor).Order());

    [Fact]
    public async Task The_rate_limit_and_server_error_details_come_from_the_same_messages()
    {
        await using (var limited = new ApiFactory(new() { ["Api:RateLimit:PermitLimit"] = "1", ["Api:RateLimit:WindowSeconds"] = "3600" }))
        {
            var client = await limited.ClientForAsync();
            await client.GetAsync("/api/ping");
            var response = await client.GetAsync("/api/ping");
            var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
            var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(ApiMessages.RateLimited("token", 1, TimeSpan.FromHours(1), retryAfter), problem.GetProperty("detail").GetString());
        }

        await using var failing = new ApiFactory(services: s => s.AddSingleton<IInterceptor>(new FailingReads("boom")));
        var failed = await ProblemAsync(await (await failing.ClientForAsync()).GetAsync("/api/integrations"), HttpStatusCode.InternalServerError, "server-error");
        Assert.Equal(ApiMessages.ServerError(failed.GetProperty("request_id").GetString()!), failed.GetProperty("detail").GetString());
    }

    private async Task<HttpResponseMessage> ProvokeAsync(string anchor)
    {
        switch (anchor)
        {
            case "validation":
                return await _client.PostAsync("/api/integrations", Json("""{"url":"acme.com/products"}"""));
            case "malformed-request":
                return await _client.PostAsync("/api/integrations", Json("{"));
            case "unauthorized":
                return await _factory.CreateClient().GetAsync("/api/ping");
            case "forbidden":
                return await (await _factory.ClientForAsync("dev-hillside", ActorRole.Tenant)).GetAsync("/api/integrations");
            case "not-found":
                return await _client.GetAsync(UnknownId);
            case "method-not-allowed":
                return await _client.PutAsync(UnknownId, Json("{}"));
            case "idempotency-conflict":
                await SendWithKeyAsync("same-key", """{"name":"A","url":"https://a.example"}""");
                return await SendWithKeyAsync("same-key", """{"name":"B","url":"https://a.example"}""");
            case "precondition-failed":
                var created = await _client.PostAsync("/api/integrations", Json("""{"name":"A","url":"https://a.example"}"""));
                var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = Json("""{"name":"B"}""") };
                patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"stale\""));
                return await _client.SendAsync(patch);
            case "payload-too-large":
                return await _client.PostAsync("/api/integrations", Json(new string(' ', 70_000) + "{}"));
            default:
                return await _client.PostAsync("/api/integrations", Json("{}", "text/plain"));
        }
    }

    private async Task<HttpResponseMessage> SendWithKeyAsync(string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }
}
