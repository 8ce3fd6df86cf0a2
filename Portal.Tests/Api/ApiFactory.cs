using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Data.Tokens;
using Portal.Tests.Api.Contract;
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

    /// <summary>Every request to /api this host served, and its response: judged against the OpenAPI document.</summary>
    public TrafficRecorder Traffic { get; } = new();

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
            services.AddSingleton<IStartupFilter>(Traffic);
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

    /// <summary>The served document, fetched once per test run (every host serves the same one).</summary>
    public static async Task<ApiContract> ContractAsync() => await SharedContract.GetAsync();

    /// <summary>
    /// Fails unless every exchange recorded so far matches the OpenAPI document; forgets them once judged. Every
    /// test's host is judged when it is disposed; a test that makes many requests may call this as it goes.
    /// </summary>
    public async Task AssertTrafficMatchesDocumentAsync()
    {
        if (Traffic.Exchanges.IsEmpty)
        {
            return;
        }

        var contract = await ContractAsync();
        var problems = new List<string>();
        while (Traffic.Exchanges.TryDequeue(out var exchange))
        {
            problems.AddRange(contract.Check(exchange));
        }

        Assert.True(problems.Count == 0, "The API departed from its OpenAPI document:\n" + string.Join("\n", problems.Take(20)));
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await AssertTrafficMatchesDocumentAsync();
        }
        finally
        {
            await base.DisposeAsync();
            TestDatabase.DeleteFolder(Folder);
        }
    }

    private static class SharedContract
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static ApiContract? _contract;

        /// <summary>
        /// Read from a host of its own with the default settings, not from the host being judged: that one may have
        /// used up a lowered anonymous limit (the abuse tests do), and a test's host must not be asked for more than
        /// the test asks of it.
        /// </summary>
        public static async Task<ApiContract> GetAsync()
        {
            await Gate.WaitAsync();
            try
            {
                if (_contract is null)
                {
                    await using var host = new ApiFactory();
                    _contract = new ApiContract(await host.Server.CreateClient().GetStringAsync("/openapi/v1.json"));
                }

                return _contract;
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
