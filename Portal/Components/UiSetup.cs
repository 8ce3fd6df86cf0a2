using MudBlazor.Services;

namespace Portal.Components;

/// <summary>The Blazor Server portal: components, MudBlazor, security headers.</summary>
internal static class UiSetup
{
    public static void AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
    }

    public static void UsePortalSecurityHeaders(this WebApplication app)
    {
    }

    public static void MapPortalUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
