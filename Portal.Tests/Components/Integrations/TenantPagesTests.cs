using Bunit;
using Portal.Components.Pages.Catalog;
using Portal.Components.Pages.Integrations;

namespace Portal.Tests.Components.Integrations;

public sealed class TenantPagesTests : IntegrationPageTestContext
{
    private static readonly string[] EditControls = ["Edit", "Delete", "New integration", "Save changes", "Create integration"];

    [Fact]
    public async Task The_catalog_shows_every_integrators_cards_with_a_safe_product_link_and_no_edit_controls()
    {
        await SeedAsync("Acme Plus", "https://acme.com/plus", "Notifies you.\nDay and night.");
        await SeedAsync("Globex Feed", "https://globex.example/feed", owner: Globex);
        SignInAs(Hillside);

        var cut = Context.Render<Browse>();

        Assert.Equal("Integration catalog", cut.Find("h1").TextContent.Trim());
        Assert.Equal(["Acme Plus", "Globex Feed"], cut.FindAll("h2").Select(h => h.TextContent.Trim()));
        var link = cut.Find("a[href='https://acme.com/plus']");
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Contains("pre-line", cut.Find(".integration-preview-description").GetAttribute("style"));
        Assert.Contains("Notifies you.\nDay and night.", cut.Find(".integration-preview-description").TextContent);
        Assert.Equal(2, cut.FindAll("a").Count(a => a.TextContent.Trim() == "Preview"));
        Assert.All(EditControls, name => Assert.False(HasButton(cut, name), $"found {name}"));
    }

    [Fact]
    public async Task The_catalog_search_narrows_the_cards_by_name()
    {
        await SeedAsync("Acme Plus");
        await SeedAsync("Barn Monitor");
        SignInAs(Hillside);
        var cut = Context.Render<Browse>();

        Field(cut, "Search by name").Input("barn");

        WaitAfterDebounce(cut, () => Assert.Equal(["Barn Monitor"], cut.FindAll("h2").Select(h => h.TextContent.Trim())));
    }

    [Fact]
    public async Task The_catalog_pages_through_many_integrations()
    {
        for (var i = 1; i <= Browse.PageSize + 1; i++)
        {
            await SeedAsync($"Integration {i:00}");
        }

        SignInAs(Hillside);
        var cut = Context.Render<Browse>();
        Assert.Equal(Browse.PageSize, cut.FindAll("h2").Count);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() => Assert.Equal([$"Integration {Browse.PageSize + 1}"], cut.FindAll("h2").Select(h => h.TextContent.Trim())), Patience);
    }

    [Fact]
    public async Task The_tenant_preview_page_shows_the_card_and_no_edit_controls()
    {
        var plus = await SeedAsync("Acme Plus", "https://acme.com/plus", "Notifies you.");
        SignInAs(Hillside);

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, plus.CloudId));

        Assert.Equal("Acme Plus", cut.Find("h1").TextContent.Trim());
        Assert.Contains("Notifies you.", cut.Find("[role=region][aria-label='Tenant preview']").TextContent);
        Assert.All(EditControls, name => Assert.False(HasButton(cut, name), $"found {name}"));
    }

    [Fact]
    public void The_tenant_preview_page_of_an_unknown_id_says_not_found()
    {
        SignInAs(Hillside);

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, "int_nothere"));

        Assert.Equal("Integration not found", cut.Find("h1").TextContent.Trim());
    }

    [Fact]
    public async Task A_tenant_opening_integrator_pages_is_told_they_are_for_integrators_with_a_link_to_the_catalog()
    {
        var plus = await SeedAsync("Acme Plus");
        SignInAs(Hillside);

        var pages = new IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>[]
        {
            Context.Render<List>(),
            Context.Render<Edit>(),
            Context.Render<Edit>(p => p.Add(e => e.CloudId, plus.CloudId)),
            Context.Render<Detail>(p => p.Add(d => d.CloudId, plus.CloudId)),
        };

        Assert.All(pages, page =>
        {
            Assert.Equal("Not allowed", page.Find("h1").TextContent.Trim());
            Assert.Contains("for integrators", page.Markup);
            Assert.Equal("/catalog", page.Find("a[href='/catalog']").GetAttribute("href"));
            Assert.DoesNotContain("Acme Plus", page.Markup);
        });
    }
}
