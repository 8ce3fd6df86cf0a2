using Bunit;
using Portal.Components.Pages.Integrations;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Tests.Components.Integrations;

public sealed class IntegrationFormTests : IntegrationPageTestContext
{
    [Fact]
    public async Task Create_shows_the_services_messages_under_the_fields_they_concern_and_saves_nothing()
    {
        RenderProviders();
        var cut = Context.Render<Edit>();

        Field(cut, "Name").Input("   ");
        Field(cut, "URL").Input("javascript:alert(1)");
        Field(cut, "Description").Input("Kept as typed");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("name is required.", ErrorUnder(cut, "Name")), Patience);
        Assert.Equal("url must be an absolute http or https URL.", ErrorUnder(cut, "URL"));
        Assert.Equal("", ErrorUnder(cut, "Description"));
        Assert.Equal("javascript:alert(1)", Field(cut, "URL").GetAttribute("value"));
        Assert.Equal("Kept as typed", Field(cut, "Description").GetAttribute("value") ?? Field(cut, "Description").TextContent);
        Assert.Equal(0, await TotalAsync());
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task Create_with_a_name_already_used_says_it_is_taken_under_the_name()
    {
        await SeedAsync("Acme Plus");
        RenderProviders();
        var cut = Context.Render<Edit>();

        Field(cut, "Name").Input("acme plus ");
        Field(cut, "URL").Input("https://acme.com/other");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("name is already used by another of your integrations.", ErrorUnder(cut, "Name")), Patience);
        Assert.Equal("", ErrorUnder(cut, "URL"));
        Assert.Equal(1, await TotalAsync());
    }

    [Fact]
    public async Task Create_saves_and_opens_the_new_integrations_detail_page()
    {
        RenderProviders();
        var cut = Context.Render<Edit>();

        Field(cut, "Name").Input("Acme Plus");
        Field(cut, "URL").Input("https://acme.com/products/acme-plus");
        Field(cut, "Description").Input("Line one\nLine two");
        Button(cut, "Create integration").Click();

        await WaitForNavigationAsync(uri => System.Text.RegularExpressions.Regex.IsMatch(uri, "/integrations/int_[A-Za-z0-9]{32}$"));
        Snackbars!.WaitForAssertion(() => Assert.Contains("Created Acme Plus", Snackbars!.Markup), Patience);
        var created = Assert.Single((await Integrations.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default))).Data);
        Assert.Equal(("Acme Plus", "https://acme.com/products/acme-plus", "Line one\nLine two"), (created.Name, created.Url, created.Description));
    }

    [Fact]
    public void The_tenant_preview_shows_the_card_as_the_user_types()
    {
        var cut = Context.Render<Edit>();
        var preview = () => cut.Find("[role=region][aria-label='Tenant preview']");
        Assert.Contains("Your integration's name", preview().TextContent);

        Field(cut, "Name").Input("Barn Monitor");
        Field(cut, "URL").Input("https://barn.example/monitor");
        Field(cut, "Description").Input("Watches the barn.\nAlerts you at night.");

        Assert.Equal("Barn Monitor", preview().QuerySelector("h2")!.TextContent.Trim());
        var link = preview().QuerySelector("a[href='https://barn.example/monitor']")!;
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.Contains("Watches the barn.\nAlerts you at night.", preview().TextContent);
    }

    [Fact]
    public void The_description_counter_counts_characters_as_the_service_does()
    {
        var cut = Context.Render<Edit>();

        Field(cut, "Description").Input("Pigs 🐖🐖");

        Assert.Equal("7 / 1,000 characters", cut.Find("#description-counter").TextContent.Trim());
    }

    [Fact]
    public async Task Edit_opens_with_the_integration_and_saves_the_changes()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus", "Old text");
        RenderProviders();
        var cut = Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId));

        Assert.Equal("Edit Acme Plus", cut.Find("h1").TextContent.Trim());
        Assert.Equal("Acme Plus", Field(cut, "Name").GetAttribute("value"));
        Field(cut, "Description").Input("");
        Button(cut, "Save changes").Click();

        await WaitForNavigationAsync(uri => uri.EndsWith($"/integrations/{plus.CloudId}", StringComparison.Ordinal));
        Assert.Null((await Integrations.GetAsync(Acme, plus.CloudId)).Description);
    }

    [Fact]
    public async Task Saving_after_a_change_elsewhere_says_so_keeps_the_typing_and_reloads_on_request()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus");
        RenderProviders();
        var cut = Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId));
        await Integrations.UpdateAsync(Acme, plus.CloudId, IntegrationInput.FromForm("Acme Plus (script)", "https://acme.com/plus", null));

        Field(cut, "Name").Input("Acme Plus 2");
        Button(cut, "Save changes").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed elsewhere", cut.Find("[role=alert]").TextContent), Patience);
        Assert.Equal("Acme Plus 2", Field(cut, "Name").GetAttribute("value"));
        Assert.Equal("Acme Plus (script)", (await Integrations.GetAsync(Acme, plus.CloudId)).Name);

        Button(cut, "Reload").Click();

        cut.WaitForAssertion(() => Assert.Equal("Acme Plus (script)", Field(cut, "Name").GetAttribute("value")), Patience);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void Leaving_with_unsaved_changes_asks_first_and_stays_when_the_user_keeps_editing()
    {
        var dialogs = RenderProviders();
        var cut = Context.Render<Edit>();
        Field(cut, "Name").Input("Half typed");

        cut.InvokeAsync(() => Navigation.NavigateTo("/integrations"));

        dialogs.WaitForAssertion(() => Assert.Contains("Discard unsaved changes?", dialogs.Find("[role=dialog]").TextContent), Patience);
        Button(dialogs, "Keep editing").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")), Patience);
        Assert.EndsWith("/", Navigation.Uri);
        Assert.Equal("Half typed", Field(cut, "Name").GetAttribute("value"));
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_goes_on_when_the_user_discards_them()
    {
        var dialogs = RenderProviders();
        var cut = Context.Render<Edit>();
        Field(cut, "Name").Input("Half typed");

        await cut.InvokeAsync(() => Navigation.NavigateTo("/integrations"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[role=dialog]")), Patience);
        Button(dialogs, "Discard changes").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[role=dialog]")), Patience);

        await WaitForNavigationAsync(uri => uri.EndsWith("/integrations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Going_from_an_edit_form_to_the_new_form_starts_empty()
    {
        var plus = await SeedAsync("Acme Plus");
        var cut = Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId));

        cut.Render(p => p.Add(e => e.CloudId, (string?)null));

        Assert.Equal("New integration", cut.Find("h1").TextContent.Trim());
        Assert.Equal("", Field(cut, "Name").GetAttribute("value") ?? "");
    }

    private async Task<int> TotalAsync() =>
        (await Integrations.ListAsync(Acme, new IntegrationListQuery(PageRequest.Default))).Meta.Total;
}
