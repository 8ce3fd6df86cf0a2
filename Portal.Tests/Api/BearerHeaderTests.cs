using System.Net;
using System.Net.Http.Headers;
using Portal.Api;

namespace Portal.Tests.Api;

/// <summary>The plain-Bearer shortcut of the token handler reads a header exactly as the full parse does, or leaves it to it.</summary>
public sealed class BearerHeaderTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("Bearer gcp_abc123")]
    [InlineData("bearer gcp_abc123")]
    [InlineData("BEARER ak_abc123")]
    [InlineData("Bearer  gcp_abc123")]
    [InlineData("Bearer gcp_abc123 ")]
    [InlineData("Bearer\tgcp_abc123")]
    [InlineData("Bearer gcp_abc,123")]
    [InlineData("Bearer gcp_abc=")]
    [InlineData("Bearer gcp-abc.123~")]
    [InlineData("Bearerx gcp_abc")]
    [InlineData("Bearer ")]
    [InlineData("Basic Z2NwX2FiYzo=")]
    public void The_shortcut_reads_what_the_full_parse_reads_or_nothing(string header)
    {
        var shortcut = ApiCredentials.PlainBearer(header);

        if (shortcut is not null)
        {
            Assert.True(AuthenticationHeaderValue.TryParse(header, out var parsed));
            Assert.Equal("Bearer", parsed.Scheme, ignoreCase: true);
            Assert.Equal(parsed.Parameter!.Trim(), shortcut);
        }
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer {0} ")]
    public async Task A_token_is_accepted_in_each_form_the_full_parse_accepts(string format)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, await _factory.CreateTokenAsync()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
    }
}
