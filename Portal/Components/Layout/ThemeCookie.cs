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
