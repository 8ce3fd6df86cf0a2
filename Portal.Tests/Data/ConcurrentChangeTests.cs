using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Sites;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// Another request may change the database between a service's check and its insert. The database's unique and
/// foreign keys settle it, and the service answers as if the other request had come first: the same installation,
/// "taken", or "not found", never an unhandled error. An interceptor forces each race deterministically.
/// </summary>
public sealed class ConcurrentChangeTests : IAsyncLifetime
{
    private readonly RemoveJustBeforeSave _interceptor = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() =>
        _db = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(_interceptor));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_site_removed_during_an_install_is_not_found_and_installs_nothing()
    {
        var integrator = Actor.Integrator("acme");
        var tenant = Actor.Tenant("farm", "Farm");
        var plus = await _db.Get<IntegrationService>().CreateAsync(integrator, IntegrationInput.FromForm("Acme Plus", "https://acme.com", null));
        var site = await _db.Get<SiteService>().AddAsync(tenant, "North");
        _interceptor.Arm<Installation>("DELETE FROM sites");

        await Assert.ThrowsAsync<NotFoundException>(() => _db.Get<InstallationService>().InstallAsync(tenant, plus.CloudId, [site.CloudId]));

        Assert.True(_interceptor.Fired);
        Assert.Empty(await _db.Get<InstallationService>().ListForTenantAsync(tenant));
    }

    [Fact]
    public async Task An_uninstall_during_a_keys_creation_is_not_found()
    {
        var integrator = Actor.Integrator("acme");
        var tenant = Actor.Tenant("farm", "Farm");
        var plus = await _db.Get<IntegrationService>().CreateAsync(integrator, IntegrationInput.FromForm("Acme Plus", "https://acme.com", null));
        var site = await _db.Get<SiteService>().AddAsync(tenant, "North");
        var installation = (await _db.Get<InstallationService>().InstallAsync(tenant, plus.CloudId, [site.CloudId])).Single();
        _interceptor.Arm<AccessKey>("DELETE FROM installations");

        await Assert.ThrowsAsync<NotFoundException>(() => _db.Get<AccessKeyService>().CreateAsync(integrator, installation.CloudId));

        Assert.True(_interceptor.Fired);
    }

    [Fact]
    public async Task An_install_that_loses_the_race_to_an_identical_one_returns_that_one()
    {
        var integrator = Actor.Integrator("acme");
        var tenant = Actor.Tenant("farm", "Farm");
        var plus = await _db.Get<IntegrationService>().CreateAsync(integrator, IntegrationInput.FromForm("Acme Plus", "https://acme.com", null));
        var site = await _db.Get<SiteService>().AddAsync(tenant, "North");
        const string raced = "inst_racedracedracedracedracedraced";
        _interceptor.Arm<Installation>(
            "INSERT INTO installations (\"CloudId\", \"IntegrationId\", \"SiteId\", \"CreatedAt\", \"UpdatedAt\") " +
            $"VALUES ('{raced}', (SELECT \"Id\" FROM integrations), (SELECT \"Id\" FROM sites), '2001-01-01 01:01:01', '2001-01-01 01:01:01')");

        var installed = await _db.Get<InstallationService>().InstallAsync(tenant, plus.CloudId, [site.CloudId]);

        Assert.True(_interceptor.Fired);
        Assert.Equal(raced, installed.Single().CloudId);
        Assert.Equal(1, await _db.Get<IntegrationService>().CountInstallationsAsync(integrator, plus.CloudId));
    }

    [Fact]
    public async Task A_site_name_taken_by_a_concurrent_add_is_reported_as_taken()
    {
        var tenant = Actor.Tenant("farm", "Farm");
        await _db.Get<SiteService>().AddAsync(tenant, "First");
        _interceptor.Arm<Site>(
            "INSERT INTO sites (\"CloudId\", \"TenantId\", \"Name\", \"NormalizedName\", \"CreatedAt\", \"UpdatedAt\") " +
            "VALUES ('sit_racedracedracedracedracedracedr', (SELECT \"Id\" FROM tenants), 'North', 'NORTH', '2001-01-01 01:01:01', '2001-01-01 01:01:01')");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => _db.Get<SiteService>().AddAsync(tenant, "north"));

        Assert.True(_interceptor.Fired);
        Assert.Equal([new ValidationError("name", "taken", "name is already used by another of your farm sites.")], failure.Errors);
    }

    [Fact]
    public async Task A_tenant_created_by_a_concurrent_first_use_is_the_one_used()
    {
        var tenant = Actor.Tenant("farm", "Farm");
        _interceptor.Arm<Tenant>(
            "INSERT INTO tenants (\"CloudId\", \"UserId\", \"Name\", \"NormalizedName\", \"CreatedAt\", \"UpdatedAt\") " +
            "VALUES ('te_racedracedracedracedracedracedrac', 'farm', 'Farm', 'FARM', '2001-01-01 01:01:01', '2001-01-01 01:01:01')");

        var site = await _db.Get<SiteService>().AddAsync(tenant, "North");

        Assert.True(_interceptor.Fired);
        Assert.Equal([site], await _db.Get<SiteService>().ListAsync(tenant));
    }

    /// <summary>Once armed, runs a statement of its own just before the next save that adds a <c>T</c>.</summary>
    private sealed class RemoveJustBeforeSave : SaveChangesInterceptor
    {
        private Type? _entity;
        private string? _sql;

        public bool Fired { get; private set; }

        public void Arm<T>(string sql)
        {
            _entity = typeof(T);
            _sql = sql;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            if (_sql is { } sql && context.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity.GetType() == _entity))
            {
                _sql = null;
                Fired = true;
                await context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }

            return result;
        }
    }
}
