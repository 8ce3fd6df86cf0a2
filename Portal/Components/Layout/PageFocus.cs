namespace Portal.Components.Layout;

/// <summary>
/// After the router shows another page, focus moves to that page's h1, so that a screen reader announces where the user
/// arrived (what the framework's FocusOnNavigate does, with the same rule: another page component, not another URL of the
/// same one). Routes says which page it shows; the layout focuses once it rendered, through portal.focusHeading.
/// Not FocusOnNavigate itself: its component and the JSON contracts of its string argument cost every open circuit about
/// 8 KB (issue 8); portal.focusHeading takes no argument.
/// </summary>
public sealed class PageFocus
{
    private Type? _shown;
    private bool _pending;

    /// <summary>Called by the router (Routes.razor) with each page it is about to show.</summary>
    public void Showing(Type pageType)
    {
        if (pageType != _shown)
        {
            _shown = pageType;
            _pending = true;
        }
    }

    /// <summary>Whether the page shown is new since the last call: focus moves once per page.</summary>
    public bool TakePending()
    {
        var pending = _pending;
        _pending = false;
        return pending;
    }
}
