using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Components;

/// <summary>
/// The one bUnit set-up for every component test: MudBlazor with transitions off and no popover-provider check,
/// loose JS interop, and the real services over a fresh SQLite database. Disposed asynchronously, because
/// MudBlazor registers services that are only IAsyncDisposable.
/// </summary>
public abstract class ComponentTestContext : IAsyncLifetime
{
    private readonly string _folder = TestDatabase.NewFolder();

    protected ComponentTestContext()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddPortalData(TestDatabase.ConnectionStringFor(_folder), _folder, provider: TestDatabase.Provider);
    }

    protected BunitContext Context { get; } = new();

    protected FakeTimeProvider Clock { get; } = TestDatabase.NewClock();

    /// <summary>Register further services (fakes, options) here; every service must be added before the first is resolved.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected T Service<T>() where T : notnull => Context.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        ConfigureServices(Context.Services);
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // as a live circuit renders
        await Service<PortalDatabase>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        TestDatabase.DeleteFolder(_folder);
    }
}
