using Bunit;
using Portal.Components.Layout;
using Portal.Components.Shared;
using Portal.Tests.Components.Integrations;

namespace Portal.Tests.Components.Installations;

public sealed class TenantNavigationTests : IntegrationPageTestContext
{
    private static readonly string[] TenantEntries = ["Farm sites", "My installations"];

    [Fact]
    public void A_tenant_has_farm_sites_and_my_installations_in_the_menu()
    {
        SignInAs(Hillside);

        var cut = Context.Render<NavMenu>();

        Assert.Equal("/sites", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Farm sites").GetAttribute("href"));
        Assert.Equal("/installations", cut.FindAll("a").Single(a => a.TextContent.Trim() == "My installations").GetAttribute("href"));
    }

    [Fact]
    public void An_integrator_has_neither_entry()
    {
        var cut = Context.Render<NavMenu>();

        Assert.Contains(cut.FindAll("a"), a => a.TextContent.Trim() == "Integrations");
        Assert.DoesNotContain(cut.FindAll("a"), a => TenantEntries.Contains(a.TextContent.Trim()));
    }

    [Fact]
    public void An_integrator_refused_a_tenant_page_is_told_whom_it_is_for_and_sent_to_its_integrations()
    {
        var cut = Context.Render<NotAllowed>();

        Assert.Equal("Not allowed", cut.Find("h1").TextContent.Trim());
        Assert.Contains("This page is for tenants", cut.Markup);
        Assert.Equal("/integrations", Button(cut, "Go to your integrations").GetAttribute("href"));
    }

    [Fact]
    public void A_tenant_refused_an_integrator_page_is_still_sent_to_the_catalog()
    {
        SignInAs(Hillside);

        var cut = Context.Render<NotAllowed>();

        Assert.Contains("This page is for integrators", cut.Markup);
        Assert.Equal("/catalog", Button(cut, "Go to the catalog").GetAttribute("href"));
    }
}
