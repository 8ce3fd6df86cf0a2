using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

/// <summary>Rate limits, request ids, server errors and the OpenAPI document.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Every_api_response_carries_RateLimit_headers()
    {
        await using var factory = new ApiFactory();
        var client = await factory.ClientForAsync();

        var ok = await client.GetAsync("/api/integrations");
        var notFound = await client.GetAsync("/api/integrations/int_00000000000000000000000000000000");

        foreach (var response in new[] { ok, notFound })
        {
            Assert.Equal("1200", response.Headers.GetValues("RateLimit-Limit").Single());
            Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single()) is > 0 and < 1200);
            Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Reset").Single()) is >= 1 and <= 60);
        }
    }

    [Fact]
    public async Task Requests_past_the_limit_are_429_with_Retry_After_and_RateLimit_headers()
    {
        await using var factory = new ApiFactory(new() { ["Api:RateLimit:PermitLimit"] = "2", ["Api:RateLimit:WindowSeconds"] = "3600" });
        var client = await factory.ClientForAsync();
        var other = await factory.ClientForAsync("dev-globex");

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        var last = await client.GetAsync("/api/ping");
        var limited = await client.GetAsync("/api/integrations");

        Assert.Equal("0", last.Headers.GetValues("RateLimit-Remaining").Single());
        await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("2", limited.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.True(int.Parse(limited.Headers.GetValues("RateLimit-Reset").Single()) > 0);
        Assert.Equal(HttpStatusCode.NoContent, (await other.GetAsync("/api/ping")).StatusCode); // per token
    }

    [Theory]
    [InlineData("/api/ping")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no-such-page")]
    public async Task Every_response_has_a_Request_Id(string path)
    {
        await using var factory = new ApiFactory();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Matches("^req_[A-Za-z0-9]{24}$", response.Headers.GetValues("Request-Id").Single());
    }

    [Fact]
    public async Task Unexpected_failure_is_500_problem_that_says_nothing_of_internals()
    {
        await using var factory = new ApiFactory(services: s => s.AddSingleton<IInterceptor>(new FailingReads("SELECT * FROM secrets failed in FailingReads")));
        var client = await factory.ClientForAsync();

        var response = await client.GetAsync("/api/integrations");

        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError, "server-error");
        var text = problem.GetRawText();
        Assert.DoesNotContain("SELECT", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FailingReads", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_anonymous_and_describes_every_endpoint_and_its_problems()
    {
        await using var factory = new ApiFactory();

        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await ReadJsonAsync(response);
        var paths = document.GetProperty("paths");
        var integrations = paths.GetProperty("/api/integrations");
        var one = paths.GetProperty("/api/integrations/{cloudId}");
        Assert.Equal(["post", "get", "head"], Keys(integrations));
        Assert.Equal(["get", "head", "patch", "delete"], Keys(one));
        Assert.True(paths.GetProperty("/api/ping").TryGetProperty("get", out _));
        Assert.True(integrations.GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.True(one.GetProperty("patch").TryGetProperty("requestBody", out _));
        var createResponses = integrations.GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "403", "409", "413", "415", "422", "429" })
        {
            Assert.True(createResponses.TryGetProperty(status, out _), $"POST /api/integrations documents {status}");
        }

        Assert.True(createResponses.GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("basic", schemes.GetProperty("basic").GetProperty("scheme").GetString());
    }
}
