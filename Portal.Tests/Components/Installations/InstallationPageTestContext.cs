using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Sites;
using Portal.Tests.Components.Integrations;

namespace Portal.Tests.Components.Installations;

/// <summary>The page set-up plus the site, installation and access-key services, and helpers that seed through them.</summary>
public abstract class InstallationPageTestContext : IntegrationPageTestContext
{
    protected SiteService Sites => Service<SiteService>();

    protected InstallationService Installations => Service<InstallationService>();

    protected AccessKeyService AccessKeys => Service<AccessKeyService>();

    /// <summary>Adds the tenant's sites through the service, in order, a second apart.</summary>
    protected async Task<IReadOnlyList<SiteData>> AddSitesAsync(Actor tenant, params string[] names)
    {
        var sites = new List<SiteData>();
        foreach (var name in names)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            sites.Add(await Sites.AddAsync(tenant, name));
        }

        return sites;
    }

    /// <summary>Installs the integration on the given sites of the tenant, a second later than before.</summary>
    protected async Task<IReadOnlyList<TenantInstallationData>> InstallAsync(Actor tenant, string integrationId, params SiteData[] sites)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        return await Installations.InstallAsync(tenant, integrationId, sites.Select(s => s.CloudId).ToList());
    }

    /// <summary>Opens a dialog by pressing a button whose handler waits for the dialog, and returns once it shows.</summary>
    protected static Task Press<T>(IRenderedComponent<T> cut, string button, IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string expected)
        where T : IComponent
    {
        var click = Button(cut, button).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains(expected, dialogs.Markup), Patience);
        return click;
    }

    /// <summary>The checkbox inside the label with exactly this text (MudCheckBox wraps its input in the label).</summary>
    protected static AngleSharp.Dom.IElement Checkbox<T>(IRenderedComponent<T> cut, string label) where T : IComponent =>
        cut.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;

    /// <summary>The text of each cell of each body row of the table labelled <paramref name="label"/>.</summary>
    protected static List<string[]> Rows<T>(IRenderedComponent<T> cut, string label) where T : IComponent =>
        cut.Find($"table[aria-label='{label}']").QuerySelectorAll("tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .ToList();
}
