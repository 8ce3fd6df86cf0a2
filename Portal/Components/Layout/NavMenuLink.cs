using Microsoft.AspNetCore.Components;
using Portal.Components.Shared;

namespace Portal.Components.Layout;

/// <summary>
/// One entry of <see cref="NavMenu"/>, written once for the process in its inactive and its active form (its texts are
/// constants, not user input), so every circuit shares the same two markup strings.
/// </summary>
internal sealed class NavMenuLink(string href, string text, string icon)
{
    private const string IconClasses = "mud-icon-default mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default";

    public string Href { get; } = href;

    public MarkupString Inactive { get; } = Markup(href, text, icon, active: false);

    public MarkupString Active { get; } = Markup(href, text, icon, active: true);

    private static MarkupString Markup(string href, string text, string icon, bool active)
    {
        var current = active ? " active\" aria-current=\"page" : "";
        return new(
            $"<div class=\"mud-nav-item\"><a href=\"{href}\" class=\"mud-nav-link mud-ripple{current}\">"
            + $"{SvgIcon.Of(icon, IconClasses)}<div class=\"mud-nav-link-text\">{text}</div></a></div>");
    }
}
