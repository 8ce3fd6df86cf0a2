using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Portal.Components.Shared;

/// <summary>
/// A MudBlazor icon (<c>Icons.Material...</c>, an SVG path) as the markup <c>MudIcon</c> renders, without a component:
/// one render-tree frame that points at one string shared by every circuit. For lean pages (the integrations list)
/// where a component per icon costs each open circuit its own render buffers.
/// </summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Class), MarkupString> Cache = new();

    /// <param name="icon">One of MudBlazor's <c>Icons</c> constants (trusted markup, never user input).</param>
    /// <param name="classes">Classes after <c>mud-icon-root mud-svg-icon</c>, e.g. the size.</param>
    public static MarkupString Of(string icon, string classes = "mud-icon-size-medium") =>
        Cache.GetOrAdd((icon, classes), key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon {key.Class}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
