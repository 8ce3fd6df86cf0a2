using System.Net;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>
/// Who may call what, across every endpoint of the API, old and new: an integrator's token, a tenant's token, an
/// installation's access key, and no credential at all.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private InstallationWorld _world = null!;

    public async Task InitializeAsync() => _world = await InstallationWorld.CreateAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Every endpoint, destructive ones last, with what the owning integrator's token gets.</summary>
    private async Task<List<(string Method, string Path, string? Body, HttpStatusCode ForIntegrator)>> EndpointsAsync()
    {
        var integration = $"/api/integrations/{_world.Integration.CloudId}";
        var keys = $"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys";
        var key = $"/api/integrations/accesskeys/{(await _world.CreateKeyAsync()).Key.Id}";
        return
        [
            ("GET", "/api/ping", null, HttpStatusCode.NoContent),
            ("GET", "/api/integrations", null, HttpStatusCode.OK),
            ("POST", "/api/integrations", """{"name": "Another", "url": "https://acme.com/another"}""", HttpStatusCode.Created),
            ("GET", integration, null, HttpStatusCode.OK),
            ("PATCH", integration, """{"url": "https://acme.com/patched"}""", HttpStatusCode.OK),
            ("GET", integration + "/installations", null, HttpStatusCode.OK),
            ("POST", keys, null, HttpStatusCode.Created),
            ("GET", keys, null, HttpStatusCode.OK),
            ("GET", key, null, HttpStatusCode.OK),
            ("GET", "/api/integration", null, HttpStatusCode.Forbidden),
            ("DELETE", key, null, HttpStatusCode.NoContent),
            ("DELETE", integration, null, HttpStatusCode.NoContent),
        ];
    }

    [Fact]
    public async Task The_integrators_token_may_do_everything_but_act_as_an_installation()
    {
        var endpoints = await EndpointsAsync();
        var client = await _world.IntegratorClientAsync();

        var answers = await AnswersAsync(client, endpoints);

        Assert.Equal(endpoints.Select(e => $"{e.Method} {e.Path} {(int)e.ForIntegrator}"), answers.Select(a => a.Line));
        var refused = answers.Single(a => a.Line.StartsWith("GET /api/integration ", StringComparison.Ordinal));
        Assert.Contains("authenticate as an installation", refused.Detail);
    }

    [Fact]
    public async Task A_tenants_token_may_only_ping()
    {
        var endpoints = await EndpointsAsync();
        var client = await _world.TenantClientAsync();

        var answers = await AnswersAsync(client, endpoints);

        Assert.Equal(
            endpoints.Select(e => $"{e.Method} {e.Path} {(e.Path == "/api/ping" ? 204 : 403)}"),
            answers.Select(a => a.Line));
        Assert.Contains("authenticate as an installation", answers.Single(a => a.Line.StartsWith("GET /api/integration ", StringComparison.Ordinal)).Detail);
        Assert.Contains("tenants' tokens may call /api/ping", answers.Single(a => a.Line.StartsWith("GET /api/integrations ", StringComparison.Ordinal)).Detail);
    }

    [Fact]
    public async Task An_access_key_may_only_ping_and_read_its_installation()
    {
        var endpoints = await EndpointsAsync();
        var client = await _world.NewKeyClientAsync();

        var answers = await AnswersAsync(client, endpoints);

        Assert.Equal(
            endpoints.Select(e => $"{e.Method} {e.Path} {e.Path switch { "/api/ping" => 204, "/api/integration" => 200, _ => 403 }}"),
            answers.Select(a => a.Line));
        Assert.All(answers.Where(a => a.Line.EndsWith(" 403", StringComparison.Ordinal)),
            a => Assert.Contains("An access key authenticates as an installation", a.Detail));
        var unchanged = await _world.Integrations.GetAsync(_world.Integrator, _world.Integration.CloudId);
        Assert.Equal(_world.Integration, unchanged); // the refused PATCH and DELETE changed nothing
    }

    [Fact]
    public async Task No_credential_is_401_everywhere()
    {
        var endpoints = await EndpointsAsync();

        var answers = await AnswersAsync(_factory.CreateClient(), endpoints);

        Assert.Equal(endpoints.Select(e => $"{e.Method} {e.Path} 401"), answers.Select(a => a.Line));
    }

    [Fact]
    public async Task The_role_is_checked_before_the_shape_of_the_request()
    {
        var keyClient = await _world.NewKeyClientAsync();
        var tenant = await _world.TenantClientAsync();
        var keys = $"/api/integrations/installations/{_world.Installation.CloudId}/accesskeys";

        foreach (var client in new[] { keyClient, tenant })
        {
            await ProblemAsync(await client.PostAsync(keys, Json("not json", "text/plain")), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAsync(await client.PutAsync(keys, null), HttpStatusCode.Forbidden, "forbidden");
        }

        await ProblemAsync(await tenant.PostAsync("/api/integration", null), HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<List<(string Line, string Detail)>> AnswersAsync(
        HttpClient client, IEnumerable<(string Method, string Path, string? Body, HttpStatusCode ForIntegrator)> endpoints)
    {
        var answers = new List<(string, string)>();
        foreach (var (method, path, body, _) in endpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = body is null ? null : Json(body),
            });
            var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? (await ReadJsonAsync(response)).GetProperty("detail").GetString() ?? ""
                : "";
            answers.Add(($"{method} {path} {(int)response.StatusCode}", detail));
        }

        return answers;
    }
}
