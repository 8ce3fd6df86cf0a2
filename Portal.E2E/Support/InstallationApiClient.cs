using System.Net.Http.Headers;
using System.Text;

namespace Portal.E2E.Support;

/// <summary>A script that calls the API as an installation: HTTP Basic, the access key as user name, an empty password.</summary>
public sealed class InstallationApiClient(PortalServer portal, string accessKey) : IDisposable
{
    private readonly HttpClient _http = Create(portal, accessKey);

    private static HttpClient Create(PortalServer portal, string accessKey)
    {
        var http = portal.CreateApiClient();
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(accessKey + ":")));
        return http;
    }

    public Task<HttpResponseMessage> GetCurrentInstallationAsync() => _http.GetAsync("api/integration");

    public void Dispose() => _http.Dispose();
}
