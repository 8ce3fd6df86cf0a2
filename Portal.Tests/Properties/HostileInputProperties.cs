using System.Text.Json;
using FsCheck.Xunit;

namespace Portal.Tests.Properties;

/// <summary>
/// Whatever a client sends to any endpoint of <see cref="ApiEndpoint.All"/>: never a 5xx, a problem body for every
/// 4xx, every response as the OpenAPI document describes it (and every accepted request as it allows), and no stored
/// byte of two integrators and a tenant changed by a request that was refused.
/// </summary>
public sealed class HostileInputProperties(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Property(Arbitrary = [typeof(HostileRequests)], MaxTest = 1400, QuietOnSuccess = true)]
    public void No_request_makes_the_server_fail_or_changes_data_when_refused(HostileRequest request)
    {
        var before = fixture.Snapshot();
        using var message = Build(request);

        using var response = fixture.Client.SendAsync(message).GetAwaiter().GetResult();

        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} for {request}");
        fixture.Factory.AssertTrafficMatchesDocumentAsync().GetAwaiter().GetResult(); // the response, and the request if accepted
        if (status >= 400)
        {
            // A path such as /api/.. leaves the API once the URL is normalised: pages answer in their own way.
            if (request.Method != "HEAD" && message.RequestUri!.AbsolutePath.StartsWith("/api", StringComparison.Ordinal))
            {
                AssertProblem(response, status, request);
            }

            Assert.True(before == fixture.Snapshot(), $"{status} changed stored data: {request}");
        }
        else if (status == 304)
        {
            Assert.True(before == fixture.Snapshot(), $"304 changed stored data: {request}");
        }
    }

    private HttpRequestMessage Build(HostileRequest request)
    {
        var own = fixture.OwnIds[request.Endpoint.Ids];
        var id = request.IdKind switch
        {
            IdKind.Own => own[Math.Abs(request.HostileId.GetHashCode(StringComparison.Ordinal)) % own.Count],
            IdKind.OtherIntegrators => fixture.OtherIds[request.Endpoint.Ids][0],
            IdKind.Unknown => ApiFixture.UnknownId(request.Endpoint.Ids),
            _ => request.HostileId,
        };
        // A NUL in the path never reaches the portal: Kestrel answers 400 (AbuseLimitTests), TestServer throws instead.
        var path = request.Endpoint.Path.Replace("{id}", id.Replace("%00", "%01", StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
        var uri = new Uri("http://localhost" + path + (request.Query.Length > 0 ? "?" + request.Query : ""), UriKind.Absolute);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (fixture.AuthorizationFor(request) is { } authorization)
        {
            message.Headers.Authorization = authorization;
        }
        else if (request.Caller == Caller.Garbage && request.GarbageAuthorization is { } garbage)
        {
            message.Headers.TryAddWithoutValidation("Authorization", garbage);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            if (request.ContentType is { } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        return message;
    }

    private static void AssertProblem(HttpResponseMessage response, int status, HostileRequest request)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without a problem body: {request}");
        var problem = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
        Assert.StartsWith("/docs/errors#", problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), request.ToString());
        Assert.Equal(response.Headers.GetValues("Request-Id").Single(), problem.GetProperty("request_id").GetString());
    }
}
