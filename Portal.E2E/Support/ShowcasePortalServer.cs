using Portal.Data.Integrations;
using Portal.E2E.Pages;

namespace Portal.E2E.Support;

/// <summary>
/// The portal with the data a tour of every page needs: Acme has a few integrations (one with a long name and a
/// multi-line description) and a token; Globex has nothing (the empty states).
/// </summary>
public sealed class ShowcasePortalServer : PortalServer
{
    public IntegrationData Featured { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await this.CreateIntegrationAsync(Persona.Acme, "Feed Tracker", "https://acme.example/feed-tracker",
            "Sends feed deliveries and silo levels to Gestal Cloud every hour.");
        await this.CreateIntegrationAsync(Persona.Acme, "Sow Health Monitor for Large Multi-Site Breeding Operations",
            "https://acme.example/products/sow-health-monitor/with/a/rather/long/path",
            "Watches sow temperature and activity.\nAlerts your stockpeople when a sow needs attention.\nWorks with every Gestal feeder.");
        Featured = await this.CreateIntegrationAsync(Persona.Acme, "Acme Plus", "https://acme.example/products/acme-plus",
            "Integrate Gestal Cloud with Acme Plus notification service.\nText messages for every alarm.");
        await this.CreateTokenAsync(Persona.Acme);
    }
}
