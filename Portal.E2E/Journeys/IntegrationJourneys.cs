using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.Journeys;

/// <summary>An integrator's life with an integration: create, find, open, edit, concurrent edits, delete.</summary>
public sealed class IntegrationJourneys(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    : PortalTest(browser, portal, output), IClassFixture<PortalServer>
{
    [Fact]
    public async Task Integrator_creates_finds_opens_and_edits_an_integration_while_the_preview_follows()
    {
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await list.NewIntegration.ClickAsync();

        var form = new IntegrationFormPage(Page);
        await form.ExpectHeadingAsync("New integration");
        await form.FillAsync("Farrowing Insights", "https://insights.example/farrowing", "Sow and litter reports.\nEvery week.");
        await Expect(form.Preview.GetByRole(AriaRole.Heading, new() { Name = "Farrowing Insights" })).ToBeVisibleAsync();
        await form.Create.ClickAsync();

        var detail = new IntegrationDetailPage(Page);
        await detail.ExpectHeadingAsync("Farrowing Insights");
        var cloudId = new Uri(Page.Url).Segments[^1];
        Assert.StartsWith("int_", cloudId);

        await list.OpenAsync();
        await list.SearchAsync("Farrowing");
        // A click anywhere on the row opens it, not only on its link (here on the URL cell).
        await list.Row("Farrowing Insights").GetByText("https://insights.example/farrowing").ClickAsync();
        await detail.ExpectHeadingAsync("Farrowing Insights");
        await detail.Edit.ClickAsync();

        await form.ExpectHeadingAsync("Edit Farrowing Insights");
        var previewLink = form.Preview.GetByRole(AriaRole.Link);
        await Expect(previewLink).ToHaveAttributeAsync("href", "https://insights.example/farrowing");
        await form.Url.FillAsync("https://insights.example/v2");
        await Expect(previewLink).ToHaveAttributeAsync("href", "https://insights.example/v2");
        await Expect(previewLink).ToContainTextAsync("https://insights.example/v2");
        await form.Save.ClickAsync();

        await detail.ExpectHeadingAsync("Farrowing Insights");
        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs($"/integrations/{cloudId}"));
        await Expect(detail.Preview.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "https://insights.example/v2");
        // The old address is gone from the page's attributes; only its History still shows it, as the value before.
        var attributes = Page.GetByRole(AriaRole.Main).Locator("dl.attributes");
        await Expect(attributes).ToContainTextAsync("https://insights.example/v2");
        await Expect(attributes.GetByText("https://insights.example/farrowing")).ToHaveCountAsync(0);
        var history = Page.GetByRole(AriaRole.Region, new() { Name = "History" });
        await Expect(history.Locator("del", new() { HasText = "https://insights.example/farrowing" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Saving_a_form_that_a_script_changed_meanwhile_reports_the_conflict_instead_of_overwriting()
    {
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, "Feed Tracker", "https://feed.example/one");
        using var script = new ApiClient(Portal, await Portal.CreateTokenAsync(Persona.Acme));
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var form = new IntegrationFormPage(Page);
        await form.OpenEditAsync(integration.CloudId, "Feed Tracker");

        var patched = await script.PatchAsync(integration.CloudId, new { url = "https://feed.example/from-script" });
        Assert.True(patched.IsSuccessStatusCode, $"PATCH answered {(int)patched.StatusCode}");

        await form.Url.FillAsync("https://feed.example/from-form");
        await form.Save.ClickAsync();
        await Expect(form.ConflictAlert).ToBeVisibleAsync();
        await Expect(form.Reload).ToBeVisibleAsync();
        await Expect(form.Url).ToHaveValueAsync("https://feed.example/from-form");

        var saved = await Portal.Get<Portal.Data.Integrations.IntegrationService>().GetAsync(Persona.Acme.Actor(), integration.CloudId);
        Assert.Equal("https://feed.example/from-script", saved.Url);

        await form.Reload.ClickAsync();
        await Expect(form.Url).ToHaveValueAsync("https://feed.example/from-script");
        await Expect(form.ConflictAlert).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Delete_waits_for_the_exact_name_then_the_integration_is_gone_and_its_url_shows_not_found()
    {
        var integration = await Portal.CreateIntegrationAsync(Persona.Acme, "Barn Climate");
        await Portal.CreateIntegrationAsync(Persona.Acme, "Barn Climate Plus");
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        // From the list, which renders no dialog or snackbar provider of its own (issue 8): the detail page opened
        // from it still asks, and the list it returns to still shows the snackbar.
        var list = new IntegrationsListPage(Page);
        await list.OpenAsync();
        await list.RowLink("Barn Climate").ClickAsync();
        var detail = new IntegrationDetailPage(Page);
        await detail.ExpectHeadingAsync("Barn Climate");

        await detail.Delete.ClickAsync();
        await Expect(detail.Dialog).ToContainTextAsync("cannot be undone");
        await Expect(detail.Dialog).ToContainTextAsync("installations");
        await Expect(detail.ConfirmDelete).ToBeDisabledAsync();
        await detail.ConfirmName.FillAsync("Barn");
        await Expect(detail.ConfirmDelete).ToBeDisabledAsync();
        await detail.ConfirmName.FillAsync("barn climate");
        await Expect(detail.ConfirmDelete).ToBeDisabledAsync();
        await detail.ConfirmName.FillAsync("Barn Climate");
        await Expect(detail.ConfirmDelete).ToBeEnabledAsync();
        await detail.ConfirmDelete.ClickAsync();

        await Expect(Page).ToHaveURLAsync(PortalPage.PathIs("/integrations"));
        // The snackbar's own words (the detail page, following its own delete live, may still be on its way out).
        await Expect(Page.GetByText("Deleted Barn Climate", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(list.RowLink("Barn Climate Plus")).ToBeVisibleAsync();
        await Expect(list.RowLink("Barn Climate")).ToHaveCountAsync(0);

        await list.OpenAsync($"/integrations/{integration.CloudId}");
        await list.ExpectHeadingAsync("Integration not found");
    }
}
