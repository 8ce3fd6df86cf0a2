using Bunit;
using Portal.Components.Pages.Catalog;
using Portal.Data.Sessions;

namespace Portal.Tests.Components.Integrations;

/// <summary>Names are unique per integrator only, so the catalog says who publishes each integration.</summary>
public sealed class CatalogPublisherTests : IntegrationPageTestContext
{
    [Fact]
    public async Task Catalog_cards_name_the_publisher_so_a_look_alike_is_told_apart()
    {
        var sessions = Service<SessionService>();
        await sessions.StartAsync(new SessionStart("dev-acme", "Acme Farms Software", "integrator", null));
        await sessions.StartAsync(new SessionStart("dev-globex", "Globex Agritech", "integrator", null));
        await SeedAsync("Acme Secret", "https://acme.com/secret");
        await SeedAsync("Acme Secret", "https://globex.example/secret", owner: Globex);
        SignInAs(Hillside);

        var cut = Context.Render<Browse>();

        var publishers = cut.FindAll(".integration-preview-card")
            .Select(card => (card.QuerySelector("a.integration-preview-url")!.GetAttribute("href"), card.QuerySelector(".integration-preview-publisher")!.TextContent.Trim()))
            .OrderBy(p => p.Item1)
            .ToList();
        Assert.Equal([("https://acme.com/secret", "by Acme Farms Software"), ("https://globex.example/secret", "by Globex Agritech")], publishers);
    }

    [Fact]
    public async Task The_catalog_preview_names_the_publisher_too()
    {
        await Service<SessionService>().StartAsync(new SessionStart("dev-globex", "Globex Agritech", "integrator", null));
        var feed = await SeedAsync("Globex Feed", "https://globex.example/feed", owner: Globex);
        SignInAs(Hillside);

        var cut = Context.Render<Preview>(p => p.Add(x => x.CloudId, feed.CloudId));

        cut.WaitForAssertion(() => Assert.Equal("by Globex Agritech", cut.Find("[aria-label='Tenant preview'] .integration-preview-publisher").TextContent.Trim()));
    }
}
