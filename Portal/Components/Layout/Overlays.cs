namespace Portal.Components.Layout;

/// <summary>A page that opens no dialog, snackbar or popover (see <see cref="Overlays"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class WithoutOverlaysAttribute : Attribute;

/// <summary>
/// Whether the layout renders MudBlazor's popover, dialog and snackbar providers in this circuit. They cost every open
/// circuit five components and three services (issue 8), and a page marked <see cref="WithoutOverlaysAttribute"/>
/// (the integrations list) needs none of them; so a circuit that has shown only such pages has none. As soon as the
/// router shows any other page they render, before that page does, and then stay: a snackbar raised on one page shows
/// on the next (a delete on the detail page says "Deleted …" on the list).
/// </summary>
public sealed class Overlays
{
    public bool Rendered { get; private set; }

    /// <summary>Called by the router (Routes.razor) with each page it is about to show.</summary>
    public void Showing(Type pageType) =>
        Rendered |= !Attribute.IsDefined(pageType, typeof(WithoutOverlaysAttribute));
}
