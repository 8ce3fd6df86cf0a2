using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Auth;

/// <summary>The whole portal in memory, in a chosen environment, on its own fresh database (and, if given, clock).</summary>
public sealed class PortalAppFactory(
    string environment, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    private readonly string _folder = TestDatabase.NewFolder();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Portal", TestDatabase.ConnectionStringFor(_folder));
        builder.UseSetting(Api.ApiFactory.AnonymousLimitKey, Api.ApiFactory.UnthrottledAnonymousLimit);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.DeleteFolder(_folder);
    }
}
