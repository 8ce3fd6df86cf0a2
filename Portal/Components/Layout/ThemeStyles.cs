using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The portal theme's style sheet, exactly as <see cref="MudThemeProvider"/> writes it (scrollbar, chart and palette
/// styles), built once per mode for the whole process. The layout renders it as one markup frame that points at this
/// shared string, instead of a MudThemeProvider per circuit holding its own 23 KB copy (issue 8). Derives from
/// MudThemeProvider only to reach its protected builders; never rendered as a component.
/// </summary>
internal sealed class ThemeStyles : MudThemeProvider
{
    private const string ChartStyle = "<style>.mud-chart-serie:hover { filter: url(#lighten); } .mud-chart-serie-hovered { filter: url(#lighten); }</style>";

    private static readonly Lazy<MarkupString> Light = new(() => Build(dark: false));
    private static readonly Lazy<MarkupString> Dark = new(() => Build(dark: true));

    public static MarkupString For(bool dark) => dark ? Dark.Value : Light.Value;

    private static MarkupString Build(bool dark)
    {
        // Never rendered, so there is no parameter state to go through: BuildTheme reads the two properties as set.
#pragma warning disable MUD0012
        var provider = new ThemeStyles { Theme = PortalTheme.Theme, IsDarkMode = dark };
#pragma warning restore MUD0012
        return new MarkupString(BuildMudBlazorScrollbar() + ChartStyle + provider.BuildTheme());
    }
}
