using System.Net;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.E2E.Support;

/// <summary>
/// The real portal on 127.0.0.1 and a free port, Development environment (so the persona sign-in exists unless
/// OpenID Connect is configured), with a fresh SQLite file of its own. One per test class.
/// </summary>
public class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-e2e", Guid.NewGuid().ToString("N"));

    public PortalServer()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, ListenPort));
    }

    /// <summary>0 (any free port) unless a subclass must know the port before the portal starts.</summary>
    protected int ListenPort { get; set; }

    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public Uri BaseUri => new(BaseUrl + "/");

    /// <summary>Settings added to (or overriding) the portal's configuration.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The server reports no address.");
        BaseUrl = addresses.Addresses.Single().TrimEnd('/');
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(_folder, "portal.db")}");
        builder.UseSetting("RateLimit:Anonymous:PermitLimit", "1000000"); // the browser and the tests are all 127.0.0.1
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An HttpClient for the API, over the real socket like a script would use.</summary>
    public HttpClient CreateApiClient() => new() { BaseAddress = BaseUri };

    /// <summary>Runs a service of the portal (e.g. to set data up the way a test needs it).</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    Task IAsyncLifetime.DisposeAsync() => StopAsync();

    protected virtual async Task StopAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
