using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Portal.Tests.Auth;

/// <summary>
/// Only the portal's own pages open a Blazor circuit: a page on another origin of the same site would get the
/// user's SameSite=Lax cookie on the WebSocket and could drive the portal as them.
/// </summary>
public sealed class CircuitOriginTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new("Development");
    private string _cookie = "";

    public async Task InitializeAsync() =>
        _cookie = await SessionPipelineTests.SignInAsync(_app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "dev-acme");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("http://evil.example")] // another site
    [InlineData("null")] // a sandboxed frame, a file: page
    [InlineData("http://localhost:5181")] // the same site on another port
    [InlineData("https://localhost")] // another scheme
    [InlineData("http://sub.localhost")] // a sibling host
    [InlineData("http://localhost, http://evil.example")]
    public async Task Negotiation_from_a_foreign_origin_is_refused(string origin)
    {
        var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Negotiation_without_an_origin_is_refused()
    {
        var response = await NegotiateAsync(origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Negotiation_from_the_portals_own_origin_is_answered()
    {
        var response = await NegotiateAsync("http://localhost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_websocket_from_a_foreign_origin_with_the_users_cookie_gets_no_circuit()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectWebSocketAsync("http://localhost:5181"));
        Assert.Contains("403", error.Message);

        error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectWebSocketAsync("null"));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task A_websocket_from_the_portals_own_origin_connects()
    {
        using var socket = await ConnectWebSocketAsync("http://localhost");

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    [Theory]
    [InlineData("same-site", HttpStatusCode.Forbidden)]
    [InlineData("cross-site", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task A_long_polling_get_without_an_origin_must_come_from_the_same_origin(string? fetchSite, HttpStatusCode expected)
    {
        var response = await PollAsync(fetchSite);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_same_origin_long_polling_get_without_an_origin_passes_the_guard()
    {
        var response = await PollAsync("same-origin");

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_configured_origins_only_those_may_connect()
    {
        await using var app = new PortalAppFactory("Development", new Dictionary<string, string?>
        {
            ["Portal:Origins"] = "https://developers.example; https://portal.example:8443",
        });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(client, "https://developers.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(client, "https://PORTAL.example:8443")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(client, "http://localhost")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(client, "https://portal.example")).StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_that_is_not_an_origin_stops_the_portal_at_start()
    {
        await using var app = new PortalAppFactory("Development", new Dictionary<string, string?> { ["Portal:Origins"] = "https://developers.example/portal" });

        var error = Record.Exception(() => app.CreateClient());

        Assert.Contains("Portal:Origins", error?.ToString());
    }

    private Task<HttpResponseMessage> NegotiateAsync(string? origin) => NegotiateAsync(CookieClient(), origin);

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PollAsync(string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_blazor?id=not-a-connection");
        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        return CookieClient().SendAsync(request);
    }

    private HttpClient CookieClient()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", _cookie);
        return client;
    }

    private Task<System.Net.WebSockets.WebSocket> ConnectWebSocketAsync(string origin)
    {
        var client = _app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Origin = origin;
            request.Headers.Cookie = _cookie;
        };
        return client.ConnectAsync(new Uri(_app.Server.BaseAddress, "/_blazor"), CancellationToken.None);
    }
}
