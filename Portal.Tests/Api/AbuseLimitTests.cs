using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Anonymous requests are limited per client address; oversized request lines and headers are refused early.</summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task Anonymous_requests_of_every_kind_share_one_window_per_address_and_then_get_429_with_Retry_After()
    {
        await using var factory = new ApiFactory(new() { [ApiFactory.AnonymousLimitKey] = "4", ["RateLimit:Anonymous:WindowSeconds"] = "3600" });
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/favicon.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/ping")).StatusCode);

        var page = await anonymous.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.InRange(int.Parse(page.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);

        var api = await anonymous.GetAsync("/api/integrations");
        var problem = await ProblemAsync(api, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Contains("without a credential", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(api.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        // A token's calls are counted against the token, not the address.
        var client = await factory.ClientForAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integrations")).StatusCode);
    }

    [Fact]
    public void By_default_anonymous_requests_are_limited_to_600_a_minute()
    {
        using var limits = new Portal.Api.ApiRateLimits(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        Assert.Equal((600, TimeSpan.FromMinutes(1)), (limits.AnonymousPermitLimit, limits.AnonymousWindow));
    }

    [Fact]
    public async Task Request_lines_and_headers_over_their_limits_are_refused_before_the_portal_reads_them()
    {
        await using var server = new KestrelPortal();
        using var client = new HttpClient { BaseAddress = server.Start() };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin?x=" + new string('a', 4000))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await client.GetAsync("/signin?x=" + new string('a', 9000))).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/integrations/int_%00")).StatusCode);

        var tooMuch = new HttpRequestMessage(HttpMethod.Get, "/signin");
        tooMuch.Headers.Add("X-Padding", new string('b', 40_000));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(tooMuch)).StatusCode);

        var tooMany = new HttpRequestMessage(HttpMethod.Get, "/signin");
        for (var i = 0; i < 80; i++)
        {
            tooMany.Headers.Add($"X-H{i}", "1");
        }

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(tooMany)).StatusCode);

    }

    /// <summary>The portal on a real Kestrel socket: TestServer applies none of Kestrel's limits.</summary>
    private sealed class KestrelPortal : WebApplicationFactory<Program>
    {
        private readonly string _folder = TestDatabase.NewFolder();

        public KestrelPortal() => UseKestrel(0);

        public Uri Start()
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseEnvironment(builder, "Development");
            foreach (var (key, value) in TestDatabase.SettingsFor(_folder))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting(ApiFactory.AnonymousLimitKey, ApiFactory.UnthrottledAnonymousLimit);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            TestDatabase.DeleteFolder(_folder);
        }
    }
}
