using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Data.Tokens;
using Portal.Tests.Support;

namespace Portal.Tests.Api;

/// <summary>The portal in Development on its own fresh SQLite folder, with a clock the test controls.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? folder = null)
    {
        Folder = folder ?? TestDatabase.NewFolder();
        _settings = settings ?? [];
        _services = services;
    }

    public string Folder { get; }

    public const string AnonymousLimitKey = "RateLimit:Anonymous:PermitLimit";

    /// <summary>The tests make many anonymous requests from one address; the default limit would throttle them.</summary>
    public const string UnthrottledAnonymousLimit = "1000000";

    /// <summary>Starts at 2001-01-01T01:01:01Z, the seed's timestamps.</summary>
    public FakeTimeProvider Clock { get; } = TestDatabase.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in TestDatabase.SettingsFor(Folder))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting(AnonymousLimitKey, UnthrottledAnonymousLimit); // every test client is one address; a test may lower it
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    public async Task<string> CreateTokenAsync(string userId = "dev-acme", ActorRole role = ActorRole.Integrator, int? expiresInDays = null)
    {
        var created = await Services.GetRequiredService<ApiTokenService>().CreateAsync(userId, role, "test", expiresInDays);
        return created.Secret;
    }

    /// <summary>A client that sends the token as "Authorization: Bearer".</summary>
    public async Task<HttpClient> ClientForAsync(string userId = "dev-acme", ActorRole role = ActorRole.Integrator)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(userId, role));
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.DeleteFolder(Folder);
    }
}
