using System.Text.RegularExpressions;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>The portal with open pages rechecking their session every second (30 s by default), for a quick test.</summary>
public sealed class QuickRevalidationPortalServer : PortalServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Portal:Sessions:RevalidationInterval", "00:00:01")];
}

public sealed class SessionJourney(BrowserFixture browser, QuickRevalidationPortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<QuickRevalidationPortalServer>
{
    [Fact]
    public async Task Signing_out_another_session_from_the_sessions_list_stops_its_open_page()
    {
        // A second browser (another device) is signed in and has a page open.
        await using var other = await NewContextAsync(1280, 800);
        var otherPage = await other.NewPageAsync();
        await new DevSignInPage(otherPage).SignInAsync(Persona.Acme, "/integrations");
        await new PortalPage(otherPage).ExpectHeadingAsync("Integrations");

        await new DevSignInPage(Page).SignInAsync(Persona.Acme, "/tokens");
        var tokens = new TokensPage(Page);
        await tokens.ExpectHeadingAsync("API tokens");
        var sessions = Page.GetByRole(AriaRole.Region, new() { Name = "Sessions", Exact = true });
        await Expect(sessions.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // the header and two sessions
        await Expect(sessions.GetByText("This session")).ToBeVisibleAsync();

        await sessions.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Sign out Headless Chrome") }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out that session" }).ClickAsync();
        await Expect(sessions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);

        // The other device's open page finds out within the revalidation interval and goes to sign in.
        await Expect(otherPage).ToHaveURLAsync(PortalPage.PathIs("/signin"), new() { Timeout = 15_000 });
        await Expect(otherPage.GetByRole(AriaRole.Heading, new() { Name = "Development sign-in" })).ToBeVisibleAsync();

        // This browser is still signed in.
        await tokens.OpenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" })).ToBeDisabledAsync();
    }
}
