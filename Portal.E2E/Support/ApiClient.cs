using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.E2E.Support;

/// <summary>The REST API as a script uses it: over the real socket, with a Bearer token.</summary>
public sealed class ApiClient(PortalServer portal, string token) : IDisposable
{
    private readonly HttpClient _http = Create(portal, token);

    private static HttpClient Create(PortalServer portal, string token)
    {
        var http = portal.CreateApiClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public Task<HttpResponseMessage> CreateIntegrationAsync(string name, string url, string? description = null) =>
        _http.PostAsJsonAsync("api/integrations", new { name, url, description });

    public Task<HttpResponseMessage> PatchAsync(string cloudId, object changes) =>
        _http.PatchAsJsonAsync($"api/integrations/{cloudId}", changes);

    public Task<HttpResponseMessage> DeleteAsync(string cloudId) => _http.DeleteAsync($"api/integrations/{cloudId}");

    public Task<HttpResponseMessage> ListAsync() => _http.GetAsync("api/integrations");

    public static async Task<string> CloudIdOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("cloud_id").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
