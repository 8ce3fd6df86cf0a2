using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Paging;
using Portal.Data.Sites;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>Each test class instance (one per test in xunit) gets its own fresh database.</summary>
public abstract class ServiceTest : IAsyncLifetime
{
    protected static readonly Actor Acme = Actor.Integrator("acme");
    protected static readonly Actor Globex = Actor.Integrator("globex");
    protected static readonly Actor Farm = Actor.Tenant("farm");

    protected TestDatabase Db { get; private set; } = null!;

    protected IntegrationService Service => Db.Get<IntegrationService>();

    protected SiteService Sites => Db.Get<SiteService>();

    protected InstallationService Installations => Db.Get<InstallationService>();

    protected AccessKeyService AccessKeys => Db.Get<AccessKeyService>();

    /// <summary>A tenant of its own for the test, named as a sign-in would name it.</summary>
    protected static Actor NewTenant(string name = "Hillside Pig Farm") => Actor.Tenant("farm-" + Guid.NewGuid().ToString("N"), name);

    /// <summary>An integrator of its own for the test.</summary>
    protected static Actor NewIntegrator(string name = "Acme Farms Software") =>
        Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), name);

    /// <summary>Installs <paramref name="integration"/> on a new site of <paramref name="tenant"/>; returns the installation.</summary>
    protected async Task<TenantInstallationData> InstallOnNewSiteAsync(Actor tenant, IntegrationData integration, string siteName = "Site 1")
    {
        var site = await Sites.AddAsync(tenant, siteName);
        return (await Installations.InstallAsync(tenant, integration.CloudId, [site.CloudId])).Single();
    }

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Db.DisposeAsync();

    protected static IntegrationInput Valid(string name = "Acme Plus", string url = "https://acme.com/products/acme-plus", string? description = null) =>
        new(Field.Of(name), Field.Of(url), description is null ? Field.Absent : Field.Of(description));

    protected static IntegrationInput Patch(Field? name = null, Field? url = null, Field? description = null) =>
        new(name ?? Field.Absent, url ?? Field.Absent, description ?? Field.Absent);

    protected Task<IntegrationData> CreateAsync(Actor actor, string name) =>
        Service.CreateAsync(actor, Valid(name, $"https://example.com/{Uri.EscapeDataString(name)}"));

    /// <summary>Creates integrations "Item 1".."Item n", one second apart, oldest first.</summary>
    protected async Task CreateManyAsync(Actor actor, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await CreateAsync(actor, $"Item {i}");
            Db.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    protected Task<Page<IntegrationData>> ListAsync(Actor actor, int page, int perPage) =>
        Service.ListAsync(actor, new IntegrationListQuery(PageRequest.Of(page, perPage)));

    protected static async Task<ValidationFailedException> InvalidAsync(Func<Task> action) =>
        await Assert.ThrowsAsync<ValidationFailedException>(action);
}
