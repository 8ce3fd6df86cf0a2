using Microsoft.Playwright;
using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// The page as first sent, before its circuit starts (blazor.web.js held back): on a phone the navigation drawer
/// must not be open, or every page load there would flash the menu over the page and slide it shut; on a laptop it
/// is there from the start.
/// </summary>
public sealed class LayoutTests(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(390, 844, false)]
    [InlineData(1280, 800, true)]
    public async Task Before_the_circuit_starts_the_drawer_is_shown_only_where_there_is_room(int width, int height, bool shown)
    {
        // Signed in in one browser context, the page is opened in another with the same cookies and blazor.web.js held
        // back from its first request: a context that had loaded the script once (the sign-in's pages) could take it
        // from its cache past the route, start the circuit, and show the drawer as the circuit lays it out.
        IReadOnlyList<BrowserContextCookiesResult> session;
        await using (var signIn = await NewContextAsync(width, height))
        {
            await new DevSignInPage(await signIn.NewPageAsync()).SignInAsync(Persona.Acme);
            session = await signIn.CookiesAsync();
        }

        await using var context = await NewContextAsync(width, height);
        await context.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());
        await context.AddCookiesAsync(session.Select(c => CopyOf(c)));
        var page = await context.NewPageAsync();

        await page.GotoAsync("/integrations");

        var drawer = page.GetByRole(AriaRole.Complementary, new() { Name = "Main navigation" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
        if (shown)
        {
            await Expect(drawer).ToBeVisibleAsync();
        }
        else
        {
            await Expect(drawer).ToBeHiddenAsync();
        }
    }
}
