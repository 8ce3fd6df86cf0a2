using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Sign-in as production does it: the portal configured with Authentication:Oidc against a real OpenID provider
/// (npm oidc-provider) on loopback, the user typing their password on the provider's own page.
/// </summary>
public sealed class OidcSignInTests(BrowserFixture browser, OidcPortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<OidcPortalServer>
{
    private readonly OidcPortalServer _oidc = portal;

    protected override IEnumerable<string> OtherAllowedOrigins => [_oidc.Provider.Issuer];

    private string Issuer => _oidc.Provider.Issuer;

    [Fact]
    public async Task An_integrator_signs_in_at_the_provider_with_code_and_pkce_and_sees_their_name_and_integrations()
    {
        await Page.GotoAsync("/integrations");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(Issuer) + "/interaction/"));
        await new ProviderSignInPage(Page).SignInAsync("alice", "alice-password");

        var list = new IntegrationsListPage(Page);
        await list.ExpectHeadingAsync("Integrations");
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs("/integrations"));
        await Expect(Page.GetByText("Alice Integrator", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Integrations", Exact = true })).ToBeVisibleAsync();

        // The provider refuses authorization requests without PKCE (pkce.required), so getting here proves it. The
        // browser shows either the code request itself or, with pushed authorization (PAR), a reference to it.
        var authorize = Requests.First(url => url.StartsWith(Issuer + "/auth?", StringComparison.Ordinal));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorize).Query);
        Assert.Equal(OidcPortalServer.ClientId, query["client_id"]);
        if (query["request_uri"] is null)
        {
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("S256", query["code_challenge_method"]);
        }
    }

    [Fact]
    public async Task A_tenant_signs_in_and_gets_the_catalog_but_not_the_integrator_pages()
    {
        await Page.GotoAsync("/");
        await new ProviderSignInPage(Page).SignInAsync("tom", "tom-password");

        var page = new PortalPage(Page);
        await page.ExpectHeadingAsync("Integration catalog");
        await Expect(Page.GetByText("Tom Tenant", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Integrations", Exact = true })).ToHaveCountAsync(0);

        await page.OpenAsync("/integrations");
        await page.ExpectHeadingAsync("Not allowed");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_user_at_the_provider()
    {
        await Page.GotoAsync("/integrations");
        var provider = new ProviderSignInPage(Page);
        await provider.SignInAsync("alice", "not-her-password");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await Expect(provider.Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_too()
    {
        await Page.GotoAsync("/integrations");
        await new ProviderSignInPage(Page).SignInAsync("alice", "alice-password");
        var portalPage = new PortalPage(Page);
        await portalPage.ExpectHeadingAsync("Integrations");
        await Page.WaitForCircuitAsync();

        await portalPage.SignOutAsync();
        var provider = new ProviderSignInPage(Page);
        await provider.ConfirmSignOut.ClickAsync();
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs("/account/signed-out"));
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name.StartsWith("portal.session", StringComparison.Ordinal));

        await Page.GotoAsync("/integrations");
        await Expect(provider.Heading).ToBeVisibleAsync();
        Assert.StartsWith(Issuer + "/interaction/", Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_session_cookie_sends_the_user_back_to_sign_in()
    {
        await Page.GotoAsync("/integrations");
        await new ProviderSignInPage(Page).SignInAsync("alice", "alice-password");
        await new PortalPage(Page).ExpectHeadingAsync("Integrations");
        await Page.WaitForCircuitAsync();

        var cookies = await Context.CookiesAsync();
        var session = cookies.Where(c => c.Name.StartsWith("portal.session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        // Only the portal's cookies stay, with their values altered; the provider's session is dropped too, so that
        // the provider has to ask for the password rather than answer silently.
        await Context.ClearCookiesAsync();
        await Context.AddCookiesAsync(session.Select(c => CopyOf(c, Tamper(c.Value))));

        await Page.GotoAsync("/integrations");
        await Expect(new ProviderSignInPage(Page).Heading).ToBeVisibleAsync();
        Assert.StartsWith(Issuer + "/interaction/", Page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nora", "nora-password", "Nora Visitor")] // role "visitor": neither portal value
    [InlineData("ivan", "ivan-password", "Ivan Capital")] // role "Integrator": values compare exactly, case included
    public async Task A_user_without_a_portal_role_sees_the_no_role_page_and_is_not_sent_round_in_a_loop(
        string username, string password, string name)
    {
        await Page.GotoAsync("/integrations");
        await new ProviderSignInPage(Page).SignInAsync(username, password);

        var portalPage = new PortalPage(Page);
        await portalPage.ExpectHeadingAsync("Your account has no portal role");
        await Page.WaitForCircuitAsync();
        await Expect(Page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs("/account/no-role"));
        await Expect(portalPage.SignOutButton.First).ToBeVisibleAsync();

        // Interactive now, and still here: the provider was asked once, not again and again.
        await portalPage.ExpectHeadingAsync("Your account has no portal role");
        Assert.Single(Requests, url => url.StartsWith(Issuer + "/auth?", StringComparison.Ordinal));

        // Any other page says the same rather than starting another sign-in.
        await Page.GotoAsync("/tokens");
        await portalPage.ExpectHeadingAsync("Your account has no portal role");
        Assert.Single(Requests, url => url.StartsWith(Issuer + "/auth?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_refused_after_it()
    {
        await Page.GotoAsync("/integrations");
        await new ProviderSignInPage(Page).SignInAsync("alice", "alice-password");
        var portalPage = new PortalPage(Page);
        await portalPage.ExpectHeadingAsync("Integrations");
        await Page.WaitForCircuitAsync();
        var copied = (await Context.CookiesAsync()).Where(c => c.Name.StartsWith("portal.session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copied);

        await portalPage.SignOutAsync();
        await new ProviderSignInPage(Page).ConfirmSignOut.ClickAsync();
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs("/account/signed-out"));

        // Another browser with the copied cookie (and no session at the provider) gets the provider's login page.
        var thief = await NewContextAsync(1280, 800);
        await thief.AddCookiesAsync(copied.Select(c => CopyOf(c)));
        var page = await thief.NewPageAsync();
        await page.GotoAsync("/integrations");
        await Expect(new ProviderSignInPage(page).Heading).ToBeVisibleAsync();
        Assert.StartsWith(Issuer + "/interaction/", page.Url, StringComparison.Ordinal);
        await thief.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_at_the_provider_ends_the_portal_session_through_the_back_channel()
    {
        await Page.GotoAsync("/integrations");
        await new ProviderSignInPage(Page).SignInAsync("alice", "alice-password");
        await new PortalPage(Page).ExpectHeadingAsync("Integrations");
        await Page.WaitForCircuitAsync();

        // The user signs out at the provider itself (another tab), not through the portal.
        var providerTab = await Context.NewPageAsync();
        await providerTab.GotoAsync(Issuer + "/session/end");
        await new ProviderSignInPage(providerTab).ConfirmSignOut.ClickAsync();
        await Expect(providerTab.GetByRole(AriaRole.Heading, new() { Name = "Signed out" })).ToBeVisibleAsync();

        // The provider posted a logout token to the portal, which ended the session: the cookie opens nothing.
        await Page.GotoAsync("/integrations");
        await Expect(new ProviderSignInPage(Page).Heading).ToBeVisibleAsync();
        Assert.DoesNotContain("backchannel.error", _oidc.Provider.ErrorOutput);
    }

    private static string Tamper(string value)
    {
        if (value.StartsWith("chunks-", StringComparison.Ordinal))
        {
            return value;
        }
        var middle = value.Length / 2;
        var flipped = value[middle] == 'A' ? 'B' : 'A';
        return value[..middle] + flipped + value[(middle + 1)..];
    }
}
