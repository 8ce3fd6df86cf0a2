using System.Net;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>Issue 10: open pages follow what a script changes through the API, with no reload and no polling.</summary>
public sealed class LiveChangesJourney(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task The_list_and_the_detail_page_follow_a_scripts_patch_and_delete()
    {
        var name = Unique("Live Scale");
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, name, "https://scale.example");
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await Expect(list.RowLink(name)).ToBeVisibleAsync();
        var detail = new IntegrationDetailPage(await Context.NewPageAsync());
        await detail.OpenAsync(integration.CloudId, name);
        await Expect(detail.Versions).ToHaveCountAsync(1);
        using var api = new ApiClient(Portal, await Portal.CreateTokenAsync(Persona.Acme));

        var renamed = name + " renamed";
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(integration.CloudId, new { name = renamed })).StatusCode);

        await Expect(list.RowLink(renamed)).ToBeVisibleAsync();
        await Expect(list.RowLink(name)).ToHaveCountAsync(0);
        await detail.ExpectHeadingAsync(renamed);
        await Expect(detail.Versions).ToHaveCountAsync(2);
        await Expect(detail.Versions.First).ToContainTextAsync("Updated by API token e2e script");
        await Expect(detail.Versions.First).ToContainTextAsync(renamed);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(integration.CloudId)).StatusCode);

        await Expect(list.RowLink(renamed)).ToHaveCountAsync(0);
        await detail.ExpectHeadingAsync("Integration deleted");
        await Expect(detail.DeletedAlert).ToContainTextAsync($"{renamed} was deleted by API token e2e script just now");
    }

    [Fact]
    public async Task An_open_edit_form_keeps_the_typed_text_and_says_who_changed_the_integration()
    {
        var name = Unique("Live Form");
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, name, "https://form.example");
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var form = new IntegrationFormPage(Page);
        await form.OpenEditAsync(integration.CloudId, name);
        await form.Description.FillAsync("Typed in the browser, not saved yet.");
        using var api = new ApiClient(Portal, await Portal.CreateTokenAsync(Persona.Acme));

        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(integration.CloudId, new { url = "https://form.example/by-script" })).StatusCode);

        await Expect(form.ChangedBanner).ToContainTextAsync("Changed by API token e2e script just now");
        await Expect(form.Description).ToHaveValueAsync("Typed in the browser, not saved yet.");
        await Expect(form.Url).ToHaveValueAsync("https://form.example");

        await form.KeepEditing.ClickAsync();
        await Expect(form.ChangedBanner).ToHaveCountAsync(0);
        await form.Save.ClickAsync();
        await Expect(form.ConflictAlert).ToBeVisibleAsync();
        await Expect(form.Description).ToHaveValueAsync("Typed in the browser, not saved yet.");
    }
}
