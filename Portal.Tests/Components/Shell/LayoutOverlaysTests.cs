using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Auth;
using Portal.Components.Layout;
using Portal.Components.Pages.Integrations;
using Portal.Components.Pages.Tokens;
using Portal.Components.Shared;

namespace Portal.Tests.Components.Shell;

/// <summary>
/// The layout's economies per circuit keep what it does: MudBlazor's providers render only once the router has shown a
/// page that may need them (see Overlays), so the integrations list alone has none, and a page opened after it still
/// asks its questions and shows its snackbars; the remembered theme arrives without a cascading value; focus moves to
/// the heading once per page shown, as FocusOnNavigate moved it (the browser side is an E2E test).
/// </summary>
public sealed class LayoutOverlaysTests : ComponentTestContext
{
    private const string Providers = ".mud-popover-provider, #mud-snackbar-container";

    public LayoutOverlaysTests()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("dev-acme");
        auth.SetRoles(PortalClaims.IntegratorRole);
        auth.SetPolicies(PortalPolicies.SignedIn, PortalPolicies.Integrator, AuthenticationSetup.AnyUserPolicy);
        auth.SetClaims(new Claim(PortalClaims.Name, "Acme"));
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();
        services.AddScoped<Overlays>();
        services.AddScoped<RememberedTheme>();
        services.AddScoped<PageFocus>();
    }

    [Theory]
    [InlineData(true, "true", "Switch to light mode")]
    [InlineData(false, "false", "Switch to dark mode")]
    public void The_theme_remembered_in_the_cookie_reaches_the_layout(bool dark, string pressed, string tooltip)
    {
        // Routes hands the cookie's choice to the layout through RememberedTheme (no CascadingValue in every circuit).
        Service<RememberedTheme>().DarkMode = dark;

        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page<Placeholder>()));

        var toggle = layout.Find("button[aria-label='Toggle dark mode']");
        Assert.Equal(pressed, toggle.GetAttribute("aria-pressed"));
        Assert.Equal(tooltip, toggle.ParentElement!.GetAttribute("data-tooltip"));
    }

    [Fact]
    public void A_circuit_that_has_shown_only_the_integrations_list_renders_no_providers()
    {
        Service<Overlays>().Showing(typeof(List));

        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page<Placeholder>()));

        Assert.Empty(layout.FindAll(Providers));
        Assert.Contains("placeholder page", layout.Markup);
    }

    [Fact]
    public void After_the_list_a_page_that_asks_before_deleting_shows_its_dialog_and_its_snackbar_stays_on_the_list()
    {
        var overlays = Service<Overlays>();
        overlays.Showing(typeof(List));
        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page<Placeholder>()));

        overlays.Showing(typeof(ApiTokens)); // any page not marked [WithoutOverlays]
        layout.Render(p => p.Add(l => l.Body, Page<AskingPage>()));
        layout.Find("#ask").Click();

        layout.WaitForAssertion(() => Assert.Contains("Really delete it?", layout.Find("[role=dialog]").TextContent));
        layout.FindAll("[role=dialog] button").Single(b => b.TextContent.Trim() == "Delete").Click();
        layout.WaitForAssertion(() => Assert.Contains("Deleted it", layout.Find("#mud-snackbar-container").TextContent));

        overlays.Showing(typeof(List)); // back on the list: the providers and the snackbar stay
        layout.Render(p => p.Add(l => l.Body, Page<Placeholder>()));
        Assert.Contains("Deleted it", layout.Find("#mud-snackbar-container").TextContent);
        Assert.Single(layout.FindAll(".mud-popover-provider"));
    }

    [Fact]
    public void Focus_moves_to_the_heading_when_another_page_shows_and_not_when_the_same_page_shows_again()
    {
        var focus = Service<PageFocus>();
        int Focused() => Context.JSInterop.Invocations.Count(i => i.Identifier == "portal.focusHeading");
        focus.Showing(typeof(List));
        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, Page<Placeholder>()));
        layout.WaitForAssertion(() => Assert.Equal(1, Focused()));

        focus.Showing(typeof(List)); // e.g. the same page with another query: focus stays where the user is
        layout.Render(p => p.Add(l => l.Body, Page<Placeholder>()));
        Assert.Equal(1, Focused());

        focus.Showing(typeof(ApiTokens));
        layout.Render(p => p.Add(l => l.Body, Page<Placeholder>()));
        layout.WaitForAssertion(() => Assert.Equal(2, Focused()));
    }

    private static RenderFragment Page<T>() where T : IComponent => builder =>
    {
        builder.OpenComponent<T>(0);
        builder.CloseComponent();
    };

    private sealed class Placeholder : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "placeholder page");
    }

    /// <summary>A page that confirms before deleting and then says so in a snackbar, as the detail page does.</summary>
    private sealed class AskingPage : ComponentBase
    {
        [Inject]
        private IDialogService Dialogs { get; set; } = default!;

        [Inject]
        private ISnackbar Snackbar { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "ask");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, AskAsync));
            builder.AddContent(3, "Delete…");
            builder.CloseElement();
        }

        private async Task AskAsync()
        {
            if (await Dialogs.ConfirmAsync("Delete it", "Really delete it?", "Delete"))
            {
                Snackbar.Add("Deleted it", Severity.Success);
            }
        }
    }
}
