using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Sites;
using Portal.Tests.Auth;

namespace Portal.Tests.Hosting;

public sealed class DevelopmentDataTests
{
    private static readonly Actor DemoTenant = Actor.Tenant("dev-hillside", "Hillside Pig Farm");

    [Fact]
    public async Task With_the_development_personas_the_demo_tenant_starts_with_two_sites()
    {
        await using var app = new PortalAppFactory("Development");

        var sites = await app.Services.GetRequiredService<SiteService>().ListAsync(DemoTenant);

        Assert.Equal(2, sites.Count);
        Assert.All(sites, s => Assert.Equal(0, s.InstallationCount));
    }

    [Fact]
    public async Task With_an_openid_connect_provider_no_tenant_gets_sites_of_its_own_accord()
    {
        await using var app = new PortalAppFactory("Development", new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://login.example.com",
            ["Authentication:Oidc:ClientId"] = "portal",
        });

        var sites = await app.Services.GetRequiredService<SiteService>().ListAsync(DemoTenant);

        Assert.Empty(sites);
    }
}
