using System.Net;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

public sealed class ApiTokenJourney(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_token_made_in_the_portal_creates_an_integration_over_http_until_it_is_revoked()
    {
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var tokens = new TokensPage(Page);
        await tokens.OpenAsync();
        var secret = await tokens.CreateAsync("Deploy script");

        using var api = new ApiClient(Portal, secret);
        var created = await api.CreateIntegrationAsync("Scripted Scale", "https://scale.example", "Made by a script.");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await Expect(list.RowLink("Scripted Scale")).ToBeVisibleAsync();

        await tokens.OpenAsync();
        await Expect(tokens.NewToken).ToHaveCountAsync(0);
        await tokens.RevokeAsync("Deploy script");
        await Expect(tokens.Row("Deploy script")).ToContainTextAsync("Revoked");

        var afterRevoke = await api.ListAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }
}
