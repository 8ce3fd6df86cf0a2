using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sites;
using Portal.E2E.Pages;

namespace Portal.E2E.Support;

/// <summary>
/// The portal with the data a tour of every page needs: Acme has a few integrations (one with a long name and a
/// multi-line description), a token and installations on Hillside's two sites and on its test site; Globex has
/// nothing (the empty states).
/// </summary>
public sealed class ShowcasePortalServer : PortalServer
{
    /// <summary>The demo tenant's site that has Acme Plus installed (the other has only Feed Tracker).</summary>
    public const string NorthSite = "North farrowing unit";

    public IntegrationData Featured { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var feed = await this.CreateIntegrationAsync(Persona.Acme, "Feed Tracker", "https://acme.example/feed-tracker",
            "Sends feed deliveries and silo levels to Gestal Cloud every hour.");
        await this.CreateIntegrationAsync(Persona.Acme, "Sow Health Monitor for Large Multi-Site Breeding Operations",
            "https://acme.example/products/sow-health-monitor/with/a/rather/long/path",
            "Watches sow temperature and activity.\nAlerts your stockpeople when a sow needs attention.\nWorks with every Gestal feeder.");
        Featured = await this.CreateIntegrationAsync(Persona.Acme, "Acme Plus", "https://acme.example/products/acme-plus",
            "Integrate Gestal Cloud with Acme Plus notification service.\nText messages for every alarm.");
        await this.CreateTokenAsync(Persona.Acme);

        // Hillside starts with its two demo sites: Acme Plus on one, Feed Tracker on both; Acme tries Acme Plus on its test site.
        var sites = await Get<SiteService>().ListAsync(Persona.Hillside.Actor());
        var north = sites.Single(s => s.Name == NorthSite);
        var south = sites.Single(s => s.Name != NorthSite);
        await this.InstallAsync(Persona.Hillside, Featured.CloudId, north.CloudId);
        await this.InstallAsync(Persona.Hillside, feed.CloudId, north.CloudId, south.CloudId);
        await Get<InstallationService>().InstallOnTestSiteAsync(Persona.Acme.Actor(), Featured.CloudId);
    }
}
