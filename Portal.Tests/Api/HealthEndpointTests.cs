using System.Net;

namespace Portal.Tests.Api;

/// <summary>/healthz and /readyz: anonymous, outside the anonymous rate limit, and honest about the database.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Liveness_and_readiness_answer_anonymously_when_the_database_is_migrated()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();

        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Probes_are_answered_when_the_probing_address_has_used_up_its_anonymous_limit()
    {
        await using var factory = new ApiFactory(new() { [ApiFactory.AnonymousLimitKey] = "1", ["RateLimit:Anonymous:WindowSeconds"] = "3600" });
        var client = factory.CreateClient();
        await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/openapi/v1.json")).StatusCode);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        }
    }
}
