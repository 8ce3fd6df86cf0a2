using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

public sealed class ValidationJourney(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_empty_name_and_a_javascript_url_are_explained_under_their_fields_and_nothing_is_saved()
    {
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var form = new IntegrationFormPage(Page);
        await form.OpenNewAsync();
        await form.FillAsync("", "javascript:alert(document.cookie)", "Looks harmless.");
        await form.Create.ClickAsync();

        await Expect(form.ErrorUnder("Name")).ToHaveTextAsync("name is required.");
        await Expect(form.ErrorUnder("URL")).ToHaveTextAsync("url must be an absolute http or https URL.");
        await Expect(form.ErrorUnder("Description")).ToHaveCountAsync(0);
        await form.ExpectHeadingAsync("New integration");
        await Expect(form.Preview.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        Assert.Empty(Dialogs);

        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await Expect(list.EmptyState).ToBeVisibleAsync();
    }
}
