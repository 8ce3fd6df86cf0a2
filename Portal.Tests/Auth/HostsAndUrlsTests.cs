using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Auth;
using Portal.Data;
using Portal.Data.Idempotency;
using Portal.Tests.Api;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Auth;

/// <summary>The Host header is not trusted: AllowedHosts filters it, and API links come from Portal:Origins.</summary>
public sealed class HostsAndUrlsTests
{
    private const string Body = """{"name": "Acme Plus", "url": "https://acme.com/products/acme-plus"}""";

    private static readonly Dictionary<string, string?> AnyHostWithOrigin = new()
    {
        ["AllowedHosts"] = "*",
        ["Portal:Origins"] = "https://developers.example",
    };

    [Fact]
    public async Task A_request_for_a_host_the_portal_does_not_serve_is_refused()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Location_and_Link_come_from_the_configured_origin_not_the_Host_header()
    {
        await using var factory = new ApiFactory(AnyHostWithOrigin);
        var client = await factory.ClientForAsync();
        client.DefaultRequestHeaders.Host = "evil.example";

        var created = await client.PostAsync("/api/integrations", Json(Body));
        var list = await client.GetAsync("/api/integrations?per_page=1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("https://developers.example/api/integrations/int_", created.Headers.Location!.OriginalString);
        var link = string.Join(",", list.Headers.GetValues("Link"));
        Assert.Contains("<https://developers.example/api/integrations?page=1&per_page=1>; rel=\"first\"", link);
        Assert.DoesNotContain("evil.example", link);
    }

    [Fact]
    public async Task An_idempotent_replay_never_repeats_a_Host_derived_Location()
    {
        await using var factory = new ApiFactory(AnyHostWithOrigin);
        var client = await factory.ClientForAsync();
        var poisoned = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        poisoned.Headers.Host = "evil.example";
        poisoned.Headers.Add("Idempotency-Key", "k-1");

        var first = await client.SendAsync(poisoned);
        var replay = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        replay.Headers.Add("Idempotency-Key", "k-1");
        var second = await client.SendAsync(replay);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.StartsWith("https://developers.example/", second.Headers.Location!.OriginalString);
        var stored = await factory.Services.GetRequiredService<IdempotencyStore>().FindAsync(Actor.Integrator("dev-acme"), "k-1");
        Assert.StartsWith("/api/integrations/int_", stored!.Location);
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_they_come_from_a_configured_proxy()
    {
        await using var factory = new ApiFactory();
        var client = await factory.ClientForAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.StartsWith("http://localhost/api/integrations/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("10.0.0.5", "https://localhost/api/integrations/")]
    [InlineData("10.0.0.6", "http://localhost/api/integrations/")]
    public async Task Forwarded_headers_are_believed_only_from_a_configured_proxy(string caller, string expectedLocation)
    {
        await using var factory = new ApiFactory(
            new() { ["Portal:Proxies"] = "10.0.0.5" },
            services => services.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(caller))));
        var client = await factory.ClientForAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/integrations") { Content = Json(Body) };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.StartsWith(expectedLocation, response.Headers.Location!.OriginalString);
    }

    /// <summary>Makes every request come from <paramref name="address"/>, as if through that machine.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_ip_address_stops_the_portal_at_start()
    {
        await using var app = new PortalAppFactory("Development", new Dictionary<string, string?> { ["Portal:Proxies"] = "proxy.internal" });

        var error = Record.Exception(() => app.CreateClient());

        Assert.Contains("Portal:Proxies", error?.ToString());
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_HSTS()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production",
            provider.Settings(new() { ["AllowedHosts"] = "developers.example" }), services: provider.Configure);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://developers.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/signed-out");

        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Development_sends_no_HSTS()
    {
        await using var app = new PortalAppFactory("Development", new Dictionary<string, string?> { ["AllowedHosts"] = "developers.example" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://developers.example") });

        var response = await client.GetAsync("/signin");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/%C3%A9", "/%C3%A9")]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/catalog?q=café#top", "/catalog?q=caf%C3%A9#top")]
    [InlineData("/integrations/int_1", "/integrations/int_1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Return_urls_are_kept_local_and_percent_encoded(string? returnUrl, string expected)
    {
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));
    }

    [Fact]
    public async Task A_non_ascii_return_url_survives_development_sign_in_percent_encoded()
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var start = await client.GetAsync("/account/signin?returnUrl=/%C3%A9");
        Assert.Equal("/signin?returnUrl=%2F%25C3%25A9", start.Headers.Location!.OriginalString);

        var page = await client.GetStringAsync("/signin");
        var signIn = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SessionPipelineTests.AntiforgeryToken(page),
            ["persona"] = "dev-acme",
            ["returnUrl"] = "/é",
        }));

        Assert.Equal("/%C3%A9", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_non_ascii_return_url_goes_to_the_provider_percent_encoded()
    {
        var provider = new FakeOidcProvider();
        await using var app = new PortalAppFactory("Production", provider.Settings(), services: provider.Configure);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var challenge = await client.GetAsync("/account/signin?returnUrl=/%C3%A9");

        Assert.StartsWith(FakeOidcProvider.Issuer + "/auth?", challenge.Headers.Location!.OriginalString);
        var state = System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location.Query)["state"];
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal("/%C3%A9", options.StateDataFormat.Unprotect(state)!.RedirectUri);
    }

    [Fact]
    public async Task The_api_refuses_a_url_with_user_info_with_a_clear_422()
    {
        await using var factory = new ApiFactory();
        var client = await factory.ClientForAsync();

        var response = await client.PostAsync("/api/integrations",
            Json("""{"name": "Acme Secret", "url": "https://gestal.cloud@evil.example/login"}"""));

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Contains("user info", problem.ToString());
        Assert.Equal(0, (await ReadJsonAsync(await client.GetAsync("/api/integrations"))).GetProperty("meta").GetProperty("total").GetInt32());
    }
}
