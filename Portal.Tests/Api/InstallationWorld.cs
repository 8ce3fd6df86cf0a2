using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sites;

namespace Portal.Tests.Api;

/// <summary>
/// A test's own integrator, integration, tenant, site and installation in an <see cref="ApiFactory"/>, made through
/// the real services, with clients for each kind of caller.
/// </summary>
internal sealed class InstallationWorld
{
    private InstallationWorld(ApiFactory factory, Actor integrator, IntegrationData integration, Actor tenant, TenantInstallationData installation)
    {
        Factory = factory;
        Integrator = integrator;
        Integration = integration;
        Tenant = tenant;
        Installation = installation;
    }

    public ApiFactory Factory { get; }
    public Actor Integrator { get; }
    public IntegrationData Integration { get; }
    public Actor Tenant { get; }
    public TenantInstallationData Installation { get; }

    public SiteService Sites => Factory.Services.GetRequiredService<SiteService>();
    public InstallationService Installations => Factory.Services.GetRequiredService<InstallationService>();
    public AccessKeyService AccessKeys => Factory.Services.GetRequiredService<AccessKeyService>();
    public IntegrationService Integrations => Factory.Services.GetRequiredService<IntegrationService>();

    /// <summary>The seed's "Acme Plus", installed by "Tenant" on "Site 1" (INSTALLATIONS.md's example).</summary>
    public static async Task<InstallationWorld> CreateAsync(ApiFactory factory, string integrationName = "Acme Plus")
    {
        var integrator = Actor.Integrator("acme-" + Guid.NewGuid().ToString("N"), "Acme Farms Software");
        var integrations = factory.Services.GetRequiredService<IntegrationService>();
        var integration = await integrations.CreateAsync(integrator, IntegrationInput.FromForm(
            integrationName, "https://acme.com/products/acme-plus", "Integrate Gestal Cloud with Acme Plus notification service."));
        var tenant = Actor.Tenant("farm-" + Guid.NewGuid().ToString("N"), "Tenant");
        var installation = await InstallAsync(factory, tenant, integration, "Site 1");
        return new InstallationWorld(factory, integrator, integration, tenant, installation);
    }

    public static async Task<TenantInstallationData> InstallAsync(ApiFactory factory, Actor tenant, IntegrationData integration, string siteName)
    {
        var site = await factory.Services.GetRequiredService<SiteService>().AddAsync(tenant, siteName);
        return (await factory.Services.GetRequiredService<InstallationService>().InstallAsync(tenant, integration.CloudId, [site.CloudId])).Single();
    }

    public async Task<CreatedAccessKey> CreateKeyAsync(string? installationId = null) =>
        await AccessKeys.CreateAsync(Integrator, installationId ?? Installation.CloudId);

    /// <summary>The integrator's API token (Bearer).</summary>
    public async Task<HttpClient> IntegratorClientAsync() => await Factory.ClientForAsync(Integrator.UserId);

    public async Task<HttpClient> TenantClientAsync() => await Factory.ClientForAsync(Tenant.UserId, ActorRole.Tenant);

    /// <summary>A client that authenticates as the installation: Basic with the key as user name and an empty password.</summary>
    public HttpClient KeyClient(string secret)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = ApiFactory.Basic(secret, "");
        return client;
    }

    public HttpClient BearerKeyClient(string secret)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task<HttpClient> NewKeyClientAsync() => KeyClient((await CreateKeyAsync()).Secret);
}
