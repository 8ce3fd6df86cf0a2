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
        await using var context = await NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await new DevSignInPage(page).SignInAsync(Persona.Acme);
        await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());

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
