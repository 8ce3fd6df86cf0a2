using System.Net;
using System.Text.Json;
using static Portal.Tests.Api.ApiAssert;

namespace Portal.Tests.Api;

public sealed class InstallationOpenApiTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_installation_endpoints_and_their_problems()
    {
        await using var factory = new ApiFactory();

        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await ReadJsonAsync(response)).GetProperty("paths");
        AssertOperation(paths, "/api/integrations/{integrationId}/installations", "get", "200", "401", "403", "404", "422", "429", "500", "503");
        AssertOperation(paths, "/api/integrations/installations/{installationId}/accesskeys", "post", "201", "400", "401", "403", "404", "413", "415", "422", "429", "500", "503");
        AssertOperation(paths, "/api/integrations/installations/{installationId}/accesskeys", "get", "200", "401", "403", "404", "422", "429", "500", "503");
        AssertOperation(paths, "/api/integrations/accesskeys/{accessKeyId}", "get", "200", "304", "401", "403", "404", "429", "500", "503");
        AssertOperation(paths, "/api/integrations/accesskeys/{accessKeyId}", "delete", "204", "401", "403", "404", "429", "500", "503");
        AssertOperation(paths, "/api/integration", "get", "200", "304", "401", "403", "429", "500", "503");
        var create = paths.GetProperty("/api/integrations/installations/{installationId}/accesskeys").GetProperty("post");
        Assert.False(create.GetProperty("requestBody").TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.True(create.GetProperty("responses").GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    private static void AssertOperation(JsonElement paths, string path, string method, params string[] statuses)
    {
        Assert.True(paths.TryGetProperty(path, out var item), $"{path} is documented");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is documented");
        var responses = operation.GetProperty("responses");
        Assert.Equal(statuses.Order(), Keys(responses).Order());
    }
}
