using Bunit;
using Portal.Components.Pages.Catalog;
using Portal.Components.Pages.Integrations;
using Portal.Components.Shared;

namespace Portal.Tests.Components.Integrations;

/// <summary>Names, descriptions and URLs come from integrators and are shown to tenants: they must stay text.</summary>
public sealed class HostileContentTests : IntegrationPageTestContext
{
    private const string HostileName = "<b>Bold</b> & co";
    private const string HostileDescription = "<script>alert('x')</script>\n<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_hostile_name_and_description_render_as_text_on_every_page_that_shows_them()
    {
        var evil = await SeedAsync(HostileName, "https://evil.example", HostileDescription);

        var detail = Context.Render<Detail>(p => p.Add(d => d.CloudId, evil.CloudId));
        var list = Context.Render<List>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("tbody tr")), Patience);
        SignInAs(Hillside);
        var catalog = Context.Render<Browse>();
        var preview = Context.Render<Preview>(p => p.Add(x => x.CloudId, evil.CloudId));

        foreach (var page in new IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>[] { detail, list, catalog, preview })
        {
            Assert.Empty(page.FindAll("script, img, b"));
            Assert.DoesNotContain("<script>", page.Markup);
            Assert.Contains(HostileName, string.Join("|", page.FindAll("h1, h2, tbody a").Select(e => e.TextContent)));
        }

        Assert.Contains(HostileDescription, preview.Find(".integration-preview-description").TextContent);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/no-scheme")]
    public void A_url_that_is_not_http_or_https_is_shown_as_text_and_never_becomes_a_link(string url)
    {
        var cut = Context.Render<IntegrationPreviewCard>(p => p
            .Add(c => c.Name, "Sneaky")
            .Add(c => c.Url, url)
            .Add(c => c.Label, "Tenant preview"));

        Assert.Empty(cut.FindAll("a"));
        Assert.Contains(url, cut.Find(".integration-preview-url").TextContent);
    }

    [Fact]
    public void The_live_preview_keeps_hostile_typing_inert()
    {
        var cut = Context.Render<Edit>();

        Field(cut, "Name").Input("<img src=x onerror=alert(1)>");
        Field(cut, "URL").Input("javascript:alert(1)");
        Field(cut, "Description").Input(HostileDescription);

        var preview = cut.Find("[role=region][aria-label='Tenant preview']");
        Assert.Empty(preview.QuerySelectorAll("script, img, a"));
        Assert.Contains("<img src=x onerror=alert(1)>", preview.QuerySelector("h2")!.TextContent);
    }
}
