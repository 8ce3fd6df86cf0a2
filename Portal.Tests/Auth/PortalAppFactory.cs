using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Auth;

/// <summary>
/// The whole portal in memory, in a chosen environment, on its own fresh database (and, if given, clock, services,
/// or a data folder shared with another factory: two portals run by the same user from the same folder).
/// </summary>
public sealed class PortalAppFactory(
    string environment,
    IReadOnlyDictionary<string, string?>? settings = null,
    TimeProvider? clock = null,
    Action<IServiceCollection>? services = null,
    string? folder = null)
    : WebApplicationFactory<Program>
{
    private readonly string _folder = folder ?? TestDatabase.NewFolder();
    private readonly bool _ownsFolder = folder is null;

    public string Folder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in TestDatabase.SettingsFor(_folder))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting(Api.ApiFactory.AnonymousLimitKey, Api.ApiFactory.UnthrottledAnonymousLimit);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(test =>
        {
            if (clock is not null)
            {
                test.AddSingleton(clock);
            }

            services?.Invoke(test);
        });
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFolder)
        {
            TestDatabase.DeleteFolder(_folder);
        }
    }
}
