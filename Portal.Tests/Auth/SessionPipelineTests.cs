using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Auth;
using Portal.Data;
using Portal.Data.Sessions;
using Portal.Tests.Support;

namespace Portal.Tests.Auth;

/// <summary>Sessions live on the server: a cookie is only as good as the session record it names.</summary>
public sealed partial class SessionPipelineTests
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_refused_after_it()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(NoRedirects);
        var cookie = await SignInAsync(client, "dev-acme");

        var page = await client.GetStringAsync("/tokens");
        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) }));
        Assert.Equal("/account/signed-out", signOut.Headers.Location!.OriginalString);

        var replay = await GetWithCookieAsync(app, "/tokens", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/signin", replay.Headers.Location!.PathAndQuery);
        Assert.Empty(await app.Get<SessionService>().ListActiveAsync("dev-acme"));
    }

    [Fact]
    public async Task Sign_in_records_a_session_with_the_browser_it_came_from()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(NoRedirects);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0");

        await SignInAsync(client, "dev-globex");

        var session = Assert.Single(await app.Get<SessionService>().ListActiveAsync("dev-globex"));
        Assert.Equal("Firefox on Windows", session.Device);
    }

    [Fact]
    public async Task A_session_signed_out_from_another_browser_stops_working_here()
    {
        await using var app = new PortalAppFactory("Development");
        var here = app.CreateClient(NoRedirects);
        var there = app.CreateClient(NoRedirects);
        await SignInAsync(here, "dev-acme");
        await SignInAsync(there, "dev-acme");
        var sessions = app.Get<SessionService>();
        var hereId = (await sessions.ListActiveAsync("dev-acme")).Last().Id; // the first signed in, seen least recently

        await sessions.EndOthersAsync("dev-acme", hereId);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await there.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_used_every_few_hours_still_ends_seven_days_after_sign_in()
    {
        var clock = TestDatabase.NewClock();
        await using var app = new PortalAppFactory("Development", clock: clock);
        var client = app.CreateClient(NoRedirects);
        await SignInAsync(client, "dev-acme");
        for (var hours = 6; hours < 7 * 24; hours += 6)
        {
            clock.Advance(TimeSpan.FromHours(6));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tokens")).StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(6));
        var expired = await client.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Ftokens", expired.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_absolute_lifetime_is_configurable()
    {
        var clock = TestDatabase.NewClock();
        await using var app = new PortalAppFactory("Development",
            new Dictionary<string, string?> { ["Portal:Sessions:AbsoluteLifetime"] = "01:00:00" }, clock);
        var client = app.CreateClient(NoRedirects);
        await SignInAsync(client, "dev-acme");

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tokens")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task An_open_circuit_finds_out_that_its_session_has_ended()
    {
        await using var app = new PortalAppFactory("Development");
        var sessions = app.Get<SessionService>();
        var started = await sessions.StartAsync(new SessionStart("dev-acme", "Acme Farms Software", "integrator", null));
        var state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PortalClaims.UserId, "dev-acme"), new Claim(SessionClaims.Secret, started.Secret)], "Development")));
        var provider = new SessionRevalidatingAuthenticationStateProvider(
            NullLoggerFactory.Instance, sessions, app.Get<SessionRevalidation>());

        Assert.True(await provider.StillValidAsync(state, default));
        await sessions.EndBySecretAsync(started.Secret);

        Assert.False(await provider.StillValidAsync(state, default));
        Assert.True(await provider.StillValidAsync(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())), default));
        Assert.Equal(SessionRevalidation.Default, app.Get<SessionRevalidation>().Interval);
        using var scope = app.Services.CreateScope();
        Assert.IsType<SessionRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task A_development_persona_cookie_is_refused_by_a_production_portal_run_from_the_same_folder()
    {
        await using var development = new PortalAppFactory("Development");
        var cookie = await SignInAsync(development.CreateClient(NoRedirects), "dev-acme");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(development, "/tokens", cookie)).StatusCode);
        Assert.NotEmpty(await KeysInDatabaseAsync(development));

        var provider = new FakeOidcProvider();
        await using var production = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure, folder: development.Folder);
        var response = await GetWithCookieAsync(production, "/tokens", cookie);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(FakeOidcProvider.Issuer + "/auth", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_cookie_made_by_one_portal_is_accepted_by_another_on_the_same_database_with_its_keys_there_and_no_keys_folder()
    {
        await using var first = new PortalAppFactory("Development");
        var cookie = await SignInAsync(first.CreateClient(NoRedirects), "dev-acme");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(first, "/tokens", cookie)).StatusCode);

        await using var second = new PortalAppFactory("Development", folder: first.Folder);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(second, "/tokens", cookie)).StatusCode);
        Assert.Single(await KeysInDatabaseAsync(second));
        Assert.False(Directory.Exists(Path.Combine(first.Folder, "keys")));
    }

    private static async Task<List<string?>> KeysInDatabaseAsync(PortalAppFactory app)
    {
        await using var db = await app.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync();
    }

    [Fact]
    public async Task A_bare_front_channel_logout_link_signs_nobody_out()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure);
        var client = app.CreateClient(NoRedirects);
        await client.GetAsync($"{FakeOidcProvider.TestSignInPath}?sub=u-1&sid=sid-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tokens")).StatusCode);

        foreach (var link in new[] { "/signout-oidc", "/signout-oidc?sid=sid-1", $"/signout-oidc?iss={Uri.EscapeDataString("https://evil.example")}&sid=sid-1" })
        {
            var logout = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_front_channel_logout_with_the_issuer_and_session_id_ends_that_session_everywhere()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure);
        var browser = app.CreateClient(NoRedirects);
        var other = app.CreateClient(NoRedirects);
        await browser.GetAsync($"{FakeOidcProvider.TestSignInPath}?sub=u-1&sid=sid-1");
        await other.GetAsync($"{FakeOidcProvider.TestSignInPath}?sub=u-1&sid=sid-2");

        // The provider's hidden frame carries no portal cookie (SameSite=Lax): the session is found by iss and sid.
        var frame = app.CreateClient(NoRedirects);
        var logout = await frame.GetAsync($"/signout-oidc?iss={Uri.EscapeDataString(FakeOidcProvider.Issuer)}&sid=sid-1");

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_back_channel_logout_token_from_the_provider_ends_the_session()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure);
        var browser = app.CreateClient(NoRedirects);
        await browser.GetAsync($"{FakeOidcProvider.TestSignInPath}?sub=u-1&sid=sid-1");
        var server = app.CreateClient(NoRedirects);

        var response = await server.PostAsync("/signout-backchannel-oidc", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["logout_token"] = provider.LogoutToken("sid-1") }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_malformed_back_channel_logout_token_is_refused_and_ends_nothing()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure);
        var browser = app.CreateClient(NoRedirects);
        await browser.GetAsync($"{FakeOidcProvider.TestSignInPath}?sub=u-1&sid=sid-1");
        var server = app.CreateClient(NoRedirects);
        var forger = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "test-key" };

        string[] tokens =
        [
            provider.LogoutToken("sid-1", signedBy: forger),
            provider.LogoutToken("sid-1", withEvent: false),
            provider.LogoutToken("sid-1", issuer: "https://evil.example"),
            provider.LogoutToken(sid: null),
            "not-a-token",
            "",
        ];
        foreach (var token in tokens)
        {
            var response = await server.PostAsync("/signout-backchannel-oidc", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["logout_token"] = token }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).StatusCode);
    }

    /// <summary>Signs a persona in on <paramref name="client"/> and returns the session cookie as "name=value".</summary>
    internal static async Task<string> SignInAsync(HttpClient client, string persona, string returnUrl = "/tokens")
    {
        var page = await client.GetStringAsync("/signin");
        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["persona"] = persona,
            ["returnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(PortalAppFactory app, string path, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    internal static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
