using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Tokens;
using Portal.E2E.Pages;

namespace Portal.E2E.Support;

/// <summary>Sets data up through the portal's own services, for journeys that are about something else.</summary>
public static class Seed
{
    public static Actor Actor(this Persona persona) =>
        new(persona.UserId, persona.IsTenant ? ActorRole.Tenant : ActorRole.Integrator) { Name = persona.Name };

    public static Task<IntegrationData> CreateIntegrationAsync(
        this PortalServer portal, Persona owner, string name, string url = "https://example.test/product", string? description = "Made by a test.") =>
        portal.Get<IntegrationService>().CreateAsync(owner.Actor(), IntegrationInput.FromForm(name, url, description));

    /// <summary>Installs the integration on the tenant's sites, as the Install dialog does.</summary>
    public static Task<IReadOnlyList<TenantInstallationData>> InstallAsync(
        this PortalServer portal, Persona tenant, string integrationId, params string[] siteIds) =>
        portal.Get<InstallationService>().InstallAsync(tenant.Actor(), integrationId, siteIds);

    /// <summary>An API token for <paramref name="owner"/>, as a script would hold it.</summary>
    public static async Task<string> CreateTokenAsync(this PortalServer portal, Persona owner) =>
        (await portal.Get<ApiTokenService>().CreateAsync(owner.UserId, owner.Actor().Role, "e2e script", 1)).Secret;
}
