using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

using Portal.Tests.Support;

namespace Portal.Tests.Auth;

public sealed partial class SignInConfigurationTests
{
    [Fact]
    public async Task Development_without_an_oidc_authority_offers_the_three_personas()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient();

        var html = await client.GetStringAsync("/signin?returnUrl=%2Ftokens");

        Assert.Contains("Development sign-in", html);
        Assert.Contains("Sign in as Acme Farms Software", html);
        Assert.Contains("Sign in as Globex Agritech", html);
        Assert.Contains("Sign in as Hillside Pig Farm", html);
        Assert.Contains("value=\"/tokens\"", html);
    }

    [Fact]
    public async Task Production_without_an_oidc_authority_refuses_to_start_and_says_what_to_configure()
    {
        await using var app = new PortalAppFactory("Production");

        var error = Record.Exception(() => app.CreateClient());

        var messages = string.Join(" | ", Chain(error));
        Assert.Contains("Sign-in is not configured", messages);
        Assert.Contains("Authentication:Oidc:Authority", messages);
        Assert.Contains("Authentication__Oidc__Authority", messages);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_with_the_page_kept_as_return_url()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Ftokens", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_persona_signs_in_with_anti_forgery_and_lands_on_the_return_url()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await PostPersonaAsync(client, "dev-hillside", "/tokens");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/tokens", signIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var tokens = await client.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Contains("Hillside Pig Farm", await tokens.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_post_without_the_anti_forgery_token_is_refused()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["persona"] = "dev-acme", ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portal.session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_not_followed()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await PostPersonaAsync(client, "dev-acme", "//evil.example/");

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_tampered_session_cookie_just_sends_the_user_back_to_sign_in()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/tokens");
        request.Headers.Add("Cookie", "portal.session=CfDJ8tampered-not-a-real-ticket");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_session_cookie_past_its_eight_hours_sends_the_user_back_to_sign_in()
    {
        var clock = TestDatabase.NewClock();
        await using var app = new PortalAppFactory("Development", clock: clock);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PostPersonaAsync(client, "dev-acme", "/tokens");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tokens")).StatusCode);

        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var expired = await client.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Ftokens", expired.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PostPersonaAsync(client, "dev-acme", "/tokens");
        var page = await client.GetStringAsync("/tokens");

        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task Every_page_response_carries_the_security_headers()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient();

        var response = await client.GetAsync("/signin");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
    }

    private static async Task<HttpResponseMessage> PostPersonaAsync(HttpClient client, string persona, string returnUrl)
    {
        var page = await client.GetStringAsync("/signin");
        return await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["persona"] = persona,
            ["returnUrl"] = returnUrl,
        }));
    }

    private static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value);

    private static IEnumerable<string> Chain(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
