using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Paging;
using Portal.Data.Sites;

namespace Portal.Tests.Auth;

/// <summary>A tenant is named after the sign-in's display name, and keeps that name current at every sign-in.</summary>
public sealed class TenantSignInTests
{
    [Fact]
    public async Task Signing_in_as_a_tenant_brings_the_tenants_name_up_to_date()
    {
        await using var app = new PortalAppFactory("Development");
        var stale = Actor.Tenant("dev-hillside", "An old farm name");
        await app.Get<SiteService>().EnsureTenantAsync(stale, []);
        var integrator = Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), "Acme");
        var integration = await app.Get<IntegrationService>().CreateAsync(
            integrator, IntegrationInput.FromForm("Feed planner", "https://acme.example/feed", null));
        var site = (await app.Get<SiteService>().ListAsync(stale))[0];
        await app.Get<InstallationService>().InstallAsync(stale, integration.CloudId, [site.CloudId]);
        Assert.Equal("An old farm name", await TenantNameSeenByAsync(app, integrator, integration.CloudId));

        await SessionPipelineTests.SignInAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "dev-hillside");

        Assert.Equal("Hillside Pig Farm", await TenantNameSeenByAsync(app, integrator, integration.CloudId));
    }

    private static async Task<string> TenantNameSeenByAsync(PortalAppFactory app, Actor integrator, string integrationId)
    {
        var page = await app.Get<InstallationService>().ListForIntegrationAsync(
            integrator, integrationId, new InstallationListQuery(PageRequest.Default));
        return Assert.Single(page.Data).Tenant.Name;
    }
}
