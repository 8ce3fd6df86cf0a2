using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Durability;

/// <summary>The portal as a process: killed mid-write, or backed up while it serves, it loses nothing it acknowledged.</summary>
public sealed class NothingLostTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabase.NewFolder();
    private readonly string _restored = TestDatabase.NewFolder();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestDatabase.DeleteFolder(_folder);
        TestDatabase.DeleteFolder(_restored);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_write_answered_2xx_before_a_SIGKILL_is_there_after_a_restart()
    {
        var token = await CreateTokenAsync(_folder);
        var acknowledged = new ConcurrentDictionary<string, int>(); // cloud_id → the last version whose PATCH was answered 200
        var portal = await PortalProcess.ServeAsync(_folder);
        using var stop = new CancellationTokenSource();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            using var client = Client(portal.BaseAddress, token);
            try
            {
                for (var item = 0; !stop.IsCancellationRequested; item++)
                {
                    var created = await client.PostAsJsonAsync("/api/integrations",
                        new { name = $"W{worker} item {item}", url = "https://example.com/v0" }, stop.Token);
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    var cloudId = (await created.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("cloud_id").GetString()!;
                    acknowledged[cloudId] = 0;
                    for (var version = 1; version <= 3; version++)
                    {
                        var patched = await client.PatchAsJsonAsync($"/api/integrations/{cloudId}", new { url = $"https://example.com/v{version}" }, stop.Token);
                        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
                        acknowledged[cloudId] = version;
                        if (acknowledged.Count >= 60)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // the portal was killed under this request: it was never answered, so it promises nothing
            }
        })).ToList();

        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await portal.KillAsync(); // while the writers are still sending
        var seen = new Dictionary<string, int>(acknowledged);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await portal.DisposeAsync();

        await using var restarted = await PortalProcess.ServeAsync(_folder);
        using var reader = Client(restarted.BaseAddress, token);
        foreach (var (cloudId, version) in seen)
        {
            var response = await reader.GetAsync($"/api/integrations/{cloudId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
            Assert.True(int.Parse(url[(url.LastIndexOf('v') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= version,
                $"{cloudId}: version {version} was acknowledged, {url} is stored");
        }
    }

    [Fact]
    public async Task A_backup_made_while_the_portal_serves_restores_to_a_portal_with_the_data()
    {
        var token = await CreateTokenAsync(_folder);
        await using var portal = await PortalProcess.ServeAsync(_folder);
        using var client = Client(portal.BaseAddress, token);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/integrations", new { name = $"Backed up {i}", url = "https://example.com/" + i });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cloud_id").GetString()!);
        }

        var file = Path.Combine(_restored, "backup.db");
        var backup = await PortalProcess.RunAsync(_folder, "backup", file);
        Assert.Equal(0, backup.ExitCode);
        Assert.Contains("Backed up", backup.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode); // still serving
        var again = await PortalProcess.RunAsync(_folder, "backup", file);
        Assert.Equal(1, again.ExitCode); // an existing file is not overwritten without --overwrite
        await portal.KillAsync();

        // Restore as the README says: the copy becomes the database file of a stopped portal.
        File.Move(file, Path.Combine(_restored, "portal.db"));
        await using var restored = await PortalProcess.ServeAsync(_restored);
        using var reader = Client(restored.BaseAddress, token);
        var list = await reader.GetFromJsonAsync<JsonElement>("/api/integrations");
        Assert.Equal(created.AsEnumerable().Reverse(), list.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("cloud_id").GetString()));
    }

    private static async Task<string> CreateTokenAsync(string folder)
    {
        var created = await PortalProcess.RunAsync(folder, "tokens", "create", "--user", "dev-acme");
        Assert.Equal(0, created.ExitCode);
        return created.Output.Trim();
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
