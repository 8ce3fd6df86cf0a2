using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>The portal's colours and type: Roboto (served from wwwroot/fonts), a farm green, readable in both modes.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2E6B4F",
            Secondary = "#8A4B2A",
            AppbarBackground = "#2E6B4F",
            AppbarText = "#FFFFFF",
            Background = "#F7F8F6",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1C2420",
            TextSecondary = "#4A5550",
            // MudBlazor's default error, warning and success colours are too light for text on white (axe
            // color-contrast, WCAG AA 4.5:1): outlined buttons, chips, alerts and field errors use them as text.
            Error = "#B3261E",
            Warning = "#8A5A00",
            Success = "#2E7D32",
            Info = "#1565C0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7BC8A0",
            Secondary = "#E0A080",
            PrimaryContrastText = "#0E1A14",
            SecondaryContrastText = "#1C120C",
            AppbarBackground = "#1B2621",
            AppbarText = "#E6ECE8",
            Background = "#121715",
            Surface = "#1B211E",
            DrawerBackground = "#161C19",
            TextPrimary = "#E6ECE8",
            TextSecondary = "#B3BFB8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
