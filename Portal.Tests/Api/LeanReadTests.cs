using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>
/// The hot reads run without MVC (Portal.Api.LeanReads) and answer exactly as their actions did: the exact-method
/// check with its Allow header, RateLimit-* headers, HEAD, ETags, and their description in the OpenAPI document.
/// </summary>
public sealed class LeanReadTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private InstallationWorld _world = null!;

    public async Task InitializeAsync() => _world = await InstallationWorld.CreateAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string InstallationsPath => $"/api/integrations/{_world.Integration.CloudId}/installations";

    [Fact]
    public async Task The_hot_reads_answer_without_MVC_and_the_other_actions_still_run_through_it()
    {
        await using var factory = new ApiFactory(services: s => s.Configure<MvcOptions>(o => o.Filters.Add(new RefusingFilter())));
        var user = "integrator-" + Guid.NewGuid().ToString("N");
        var client = await factory.ClientForAsync(user);
        var created = (await factory.Services.GetRequiredService<IntegrationService>().CreateAsync(Actor.Integrator(user),
            new IntegrationInput(Field.Of("Feed"), Field.Of("https://example.com/feed"), Field.Absent))).CloudId;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integrations/" + created)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        await ProblemAsync(await client.DeleteAsync("/api/integrations/" + created), HttpStatusCode.InternalServerError, "server-error"); // MVC's filter
    }

    [Fact]
    public async Task A_method_in_another_case_is_405_with_Allow_and_RateLimit_headers_on_the_installation_reads()
    {
        var integrator = await _world.IntegratorClientAsync();
        var key = await _world.NewKeyClientAsync();

        foreach (var (client, path) in new[] { (integrator, InstallationsPath), (key, "/api/integration") })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod("get"), path));

            await ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
            Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
            Assert.Equal("1200", response.Headers.GetValues("RateLimit-Limit").Single());
        }
    }

    [Fact]
    public async Task HEAD_of_the_installation_reads_answers_as_GET_with_no_body_and_honours_If_None_Match()
    {
        var integrator = await _world.IntegratorClientAsync();
        var key = await _world.NewKeyClientAsync();

        foreach (var (client, path) in new[] { (integrator, InstallationsPath), (key, "/api/integration") })
        {
            var get = await client.GetAsync(path);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(HeaderNames(get), HeaderNames(head));
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        }

        var current = await key.GetAsync("/api/integration");
        var conditional = new HttpRequestMessage(HttpMethod.Head, "/api/integration");
        conditional.Headers.IfNoneMatch.Add(current.Headers.ETag!);
        var notModified = await key.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(current.Headers.ETag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task The_hot_reads_are_described_in_the_OpenAPI_document_as_their_actions_declare()
    {
        var document = await ReadJsonAsync(await _factory.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        foreach (var (path, method, operationId, summary, tag) in new[]
        {
            ("/api/integrations/{cloudId}", "get", "getIntegration", "Retrieve an integration.", "Integrations"),
            ("/api/integrations/{cloudId}", "head", "headGetIntegration", "Headers only: retrieve an integration.", "Integrations"),
            ("/api/integrations", "get", "listIntegrations", "List your integrations, newest first.", "Integrations"),
            ("/api/ping", "get", "ping", "Check that a token or an access key is accepted.", "Ping"),
            ("/api/integration", "get", "getCurrentInstallation", "Retrieve the installation you authenticate as (with an access key).", "CurrentInstallation"),
            ("/api/integrations/{integrationId}/installations", "get", "listInstallations", "List an integration's installations, most recently updated first.", "Installations"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.Equal(summary, operation.GetProperty("summary").GetString());
            Assert.Equal(tag, operation.GetProperty("tags")[0].GetString());
        }
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Where(k => k != "Date").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Fails every action that MVC runs.</summary>
    private sealed class RefusingFilter : IActionFilter
    {
        public void OnActionExecuting(ActionExecutingContext context) => throw new InvalidOperationException("Run through MVC.");

        public void OnActionExecuted(ActionExecutedContext context)
        {
        }
    }
}
