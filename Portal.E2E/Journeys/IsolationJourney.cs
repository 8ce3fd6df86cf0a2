using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

public sealed class IsolationJourney(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_second_integrator_sees_none_of_the_first_integrators_integrations()
    {
        var acmes = await Portal.CreateIntegrationAsync(Persona.Acme, "Acme Sow Monitor");
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await Expect(list.RowLink("Acme Sow Monitor")).ToBeVisibleAsync();

        await using var globexContext = await NewContextAsync(1280, 800);
        var globexPage = await globexContext.NewPageAsync();
        await new DevSignInPage(globexPage).SignInAsync(Persona.Globex);
        var globexList = new IntegrationsListPage(globexPage);
        await globexList.OpenAsync();
        await Expect(globexList.EmptyState).ToBeVisibleAsync();
        await Expect(globexPage.GetByText("Acme Sow Monitor")).ToHaveCountAsync(0);

        foreach (var path in new[] { $"/integrations/{acmes.CloudId}", $"/integrations/{acmes.CloudId}/edit" })
        {
            await globexList.OpenAsync(path);
            await globexList.ExpectHeadingAsync("Integration not found");
            await Expect(globexPage.GetByText("Acme Sow Monitor")).ToHaveCountAsync(0);
        }
    }
}
