namespace Portal.Components.Layout;

/// <summary>The light/dark choice, remembered in a cookie that wwwroot/js/portal.js writes when the user toggles.</summary>
public static class ThemeCookie
{
    public const string Name = "portal-theme";

    public static bool? Read(string? value) => value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}

/// <summary>
/// The choice the cookie held when the page was requested (null: follow the system), for the layout. Routes sets it
/// from its DarkMode parameter: a scoped service rather than a CascadingValue, which would be one more component
/// with its own render buffers in every open circuit (issue 8).
/// </summary>
public sealed class RememberedTheme
{
    public bool? DarkMode { get; set; }
}
