using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Portal.Auth;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Components.Integrations;

/// <summary>The shared component set-up plus a signed-in user, seeding through the real service and finding fields by label.</summary>
public abstract class IntegrationPageTestContext : ComponentTestContext
{
    protected static readonly Actor Acme = Actor.Integrator("dev-acme");
    protected static readonly Actor Globex = Actor.Integrator("dev-globex");
    protected static readonly Actor Hillside = Actor.Tenant("dev-hillside");

    /// <summary>How long to wait for what the user would see; generous, because the machine is shared.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly BunitAuthorizationContext _auth;

    protected IntegrationPageTestContext()
    {
        _auth = Context.AddAuthorization();
        SignInAs(Acme);
    }

    protected IntegrationService Integrations => Service<IntegrationService>();

    protected NavigationManager Navigation => Service<NavigationManager>();

    protected void SignInAs(Actor actor)
    {
        var role = PortalClaims.RoleName(actor.Role);
        _auth.SetAuthorized(actor.UserId);
        _auth.SetRoles(role);
        // AuthorizeView Policy="..." (nav entries, the Install panel) sees the policies the real role would pass.
        _auth.SetPolicies(PortalPolicies.SignedIn, actor.Role == ActorRole.Tenant ? PortalPolicies.Tenant : PortalPolicies.Integrator);
        _auth.SetClaims(
            new Claim(PortalClaims.UserId, actor.UserId),
            new Claim(PortalClaims.Role, role),
            new Claim(PortalClaims.Name, actor.UserId));
    }

    /// <summary>Creates an integration through the service, a second later than the previous one.</summary>
    protected async Task<IntegrationData> SeedAsync(string name, string url = "https://example.com/product", string? description = null, Actor? owner = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return await Integrations.CreateAsync(owner ?? Acme, IntegrationInput.FromForm(name, url, description));
    }

    /// <summary>
    /// Waits for what a debounced field (e.g. search) leads to. MudBlazor debounces on the TimeProvider, which here is the
    /// test's fake clock: the clock is moved on until the assertion holds (the timer may start just after the input).
    /// </summary>
    protected void WaitAfterDebounce<T>(IRenderedComponent<T> cut, Action assertion) where T : IComponent
    {
        for (var attempt = 1; ; attempt++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(500));
            try
            {
                cut.WaitForAssertion(assertion, TimeSpan.FromMilliseconds(250));
                return;
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>Waits until the page has navigated to a URI that <paramref name="arrived"/> accepts, and returns it.</summary>
    protected async Task<string> WaitForNavigationAsync(Func<string, bool> arrived)
    {
        var reached = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLocationChanged(object? sender, LocationChangedEventArgs e)
        {
            if (arrived(e.Location))
            {
                reached.TrySetResult(e.Location);
            }
        }

        Navigation.LocationChanged += OnLocationChanged;
        try
        {
            // The handler is attached before the current location is read. A navigation that continues after a
            // location-changing handler (the unsaved-changes confirmation) finishes on the renderer's thread, and under
            // load its event was once missed here while the location had changed (CI: "Still at …/integrations"):
            // so the location itself is read again whenever the event has not come within a moment.
            var deadline = DateTime.UtcNow + 2 * Patience;
            while (!arrived(Navigation.Uri))
            {
                if (reached.Task.IsCompleted)
                {
                    return await reached.Task;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"Still at {Navigation.Uri}.");
                }

                await Task.WhenAny(reached.Task, Task.Delay(TimeSpan.FromMilliseconds(50)));
            }

            return Navigation.Uri;
        }
        finally
        {
            Navigation.LocationChanged -= OnLocationChanged;
        }
    }

    /// <summary>The snackbars shown, once <see cref="RenderProviders"/> has rendered their provider.</summary>
    protected IRenderedComponent<MudSnackbarProvider>? Snackbars { get; private set; }

    /// <summary>Renders the MudBlazor providers (dialogs, snackbars, popovers) that the layout gives the real pages.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Context.Render<MudPopoverProvider>();
        Snackbars = Context.Render<MudSnackbarProvider>();
        return Context.Render<MudDialogProvider>();
    }

    /// <summary>The input or textarea that the label with exactly this text is for.</summary>
    protected static IElement Field<T>(IRenderedComponent<T> cut, string label) where T : IComponent
    {
        var id = cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{id}");
    }

    /// <summary>The error text MudBlazor shows under the field with this label, or "" when none.</summary>
    protected static string ErrorUnder<T>(IRenderedComponent<T> cut, string label) where T : IComponent
    {
        var control = Field(cut, label).Closest(".mud-input-control")!;
        return string.Join(" ", control.QuerySelectorAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()));
    }

    protected static IElement Button<T>(IRenderedComponent<T> cut, string name) where T : IComponent =>
        cut.FindAll("button, a").Single(b => AccessibleName(b) == name);

    protected static bool HasButton<T>(IRenderedComponent<T> cut, string name) where T : IComponent =>
        cut.FindAll("button, a").Any(b => AccessibleName(b) == name);

    protected static string AccessibleName(IElement element) =>
        (element.GetAttribute("aria-label") ?? element.TextContent).Trim();

}
