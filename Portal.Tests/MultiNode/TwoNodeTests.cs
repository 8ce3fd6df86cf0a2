using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Auth;
using Portal.Tests.Support;

namespace Portal.Tests.MultiNode;

/// <summary>
/// Two portal processes on one database, started at the same moment on an empty one, as two nodes behind a load
/// balancer: what one node does (or a command that runs on no node) the other sees within a second. On PostgreSQL
/// that is the shared database and its notifications; on SQLite, two processes on one file.
/// </summary>
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);
    private readonly string _folder = nodes.Folder;
    private readonly PortalProcess _a = nodes.A;
    private readonly PortalProcess _b = nodes.B;

    [Fact]
    public async Task Nodes_started_together_on_an_empty_database_are_both_ready()
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(_a.BaseAddress, "/readyz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(_b.BaseAddress, "/readyz"))).StatusCode);
    }

    [Fact]
    public async Task What_is_created_and_changed_through_one_node_is_read_through_the_other()
    {
        var token = await CreateTokenAsync("dev-acme");
        using var a = Client(_a, token);
        using var b = Client(_b, token);

        var created = await a.PostAsJsonAsync("/api/integrations", new { name = "Two nodes", url = "https://example.com/two-nodes" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cloud_id").GetString();
        Assert.Equal("Two nodes", await NameOnAsync(b, id!)); // B now caches it

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/integrations/{id}") { Content = JsonContent.Create(new { name = "Renamed on A" }) };
        Assert.Equal(HttpStatusCode.OK, (await a.SendAsync(patch)).StatusCode);
        await Wait.UntilAsync(async () => await NameOnAsync(b, id!) == "Renamed on A", WithinASecond);

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/integrations/{id}")).StatusCode);
        await Wait.UntilAsync(async () => (await b.GetAsync($"/api/integrations/{id}")).StatusCode == HttpStatusCode.NotFound, WithinASecond);
    }

    [Fact]
    public async Task A_cookie_made_by_one_node_is_accepted_by_the_other()
    {
        using var signIn = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _a.BaseAddress };
        var cookie = await SessionPipelineTests.SignInAsync(signIn, "dev-acme");

        using var b = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _b.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/tokens");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_token_revoked_by_the_tokens_command_is_refused_by_both_nodes_within_a_second()
    {
        var token = await CreateTokenAsync("dev-acme");
        using var a = Client(_a, token);
        using var b = Client(_b, token);
        Assert.Equal(HttpStatusCode.NoContent, (await a.GetAsync("/api/ping")).StatusCode); // both nodes cache it as valid
        Assert.Equal(HttpStatusCode.NoContent, (await b.GetAsync("/api/ping")).StatusCode);

        var revoke = await PortalProcess.RunAsync(_folder, "tokens", "revoke", token[..12]);
        Assert.Equal(0, revoke.ExitCode);

        await Wait.UntilAsync(async () => (await a.GetAsync("/api/ping")).StatusCode == HttpStatusCode.Unauthorized, WithinASecond);
        await Wait.UntilAsync(async () => (await b.GetAsync("/api/ping")).StatusCode == HttpStatusCode.Unauthorized, WithinASecond);
    }

    private async Task<string> CreateTokenAsync(string user)
    {
        var created = await PortalProcess.RunAsync(_folder, "tokens", "create", "--user", user);
        Assert.Equal(0, created.ExitCode);
        return created.Output.Trim();
    }

    private static HttpClient Client(PortalProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string?> NameOnAsync(HttpClient node, string id)
    {
        var response = await node.GetAsync($"/api/integrations/{id}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString() : null;
    }
}

/// <summary>Two nodes started at the same moment on one new database, shared by the tests of a class (each makes its own data).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public string Folder { get; } = TestDatabase.NewFolder();

    public PortalProcess A { get; private set; } = null!;

    public PortalProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var nodes = await Task.WhenAll(PortalProcess.ServeAsync(Folder), PortalProcess.ServeAsync(Folder));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        TestDatabase.DeleteFolder(Folder);
    }
}
