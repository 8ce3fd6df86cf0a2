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
    public async Task An_integration_name_taken_by_a_concurrent_create_is_reported_as_taken_and_nothing_is_added()
    {
        var integrator = Actor.Integrator("acme");
        _interceptor.Arm<Integration>(RacedIntegration("acme", "Acme Plus"));

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _db.Get<IntegrationService>().CreateAsync(integrator, IntegrationInput.FromForm("acme plus", "https://acme.com", null)));

        Assert.True(_interceptor.Fired);
        Assert.Equal("name", Assert.Single(failure.Errors).Attribute);
        Assert.Equal("taken", failure.Errors[0].Code);
        Assert.Equal(["Acme Plus"], await NamesAsync(integrator));
    }

    [Fact]
    public async Task An_integration_name_taken_by_a_concurrent_create_during_a_rename_is_reported_as_taken_and_the_rename_is_not_saved()
    {
        var integrator = Actor.Integrator("acme");
        var service = _db.Get<IntegrationService>();
        var feed = await service.CreateAsync(integrator, IntegrationInput.FromForm("Feed", "https://acme.com", null));
        _interceptor.Arm<Integration>(RacedIntegration("acme", "Gate"), EntityState.Modified);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.UpdateAsync(integrator, feed.CloudId, new IntegrationInput(Field.Of("GATE"), Field.Absent, Field.Absent)));

        Assert.True(_interceptor.Fired);
        Assert.Equal("taken", Assert.Single(failure.Errors).Code);
        Assert.Equal(["Feed", "Gate"], await NamesAsync(integrator));
        Assert.Equal(feed, await service.GetAsync(integrator, feed.CloudId));
    }

    [Fact]
    public async Task A_concurrent_create_of_another_owners_integration_with_the_same_name_does_not_stop_a_create()
    {
        var integrator = Actor.Integrator("acme");
        _interceptor.Arm<Integration>(RacedIntegration("globex", "Acme Plus"));

        var created = await _db.Get<IntegrationService>().CreateAsync(integrator, IntegrationInput.FromForm("Acme Plus", "https://acme.com", null));

        Assert.True(_interceptor.Fired);
        Assert.Equal(["Acme Plus"], await NamesAsync(integrator));
        Assert.Equal("Acme Plus", created.Name);
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

    /// <summary>An integration another request inserts (identifiers quoted, so the statement reads the same on every database).</summary>
    private static string RacedIntegration(string owner, string name) =>
        "INSERT INTO integrations (\"CloudId\", \"OwnerId\", \"Name\", \"NormalizedName\", \"Url\", \"CreatedAt\", \"UpdatedAt\", \"Version\") " +
        $"VALUES ('int_raced{owner}', '{owner}', '{name}', '{IntegrationRules.NormalizeName(name)}', 'https://raced.example', " +
        "'2001-01-01 01:01:01', '2001-01-01 01:01:01', 1)";

    private async Task<List<string>> NamesAsync(Actor owner)
    {
        await using var db = await _db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Integrations.Where(i => i.OwnerId == owner.UserId).OrderBy(i => i.Name).Select(i => i.Name).ToListAsync();
    }

    /// <summary>Once armed, runs a statement of its own just before the next save that adds (or modifies) a <c>T</c>.</summary>
    private sealed class RemoveJustBeforeSave : SaveChangesInterceptor
    {
        private Type? _entity;
        private EntityState _state;
        private string? _sql;

        public bool Fired { get; private set; }

        public void Arm<T>(string sql, EntityState state = EntityState.Added)
        {
            _entity = typeof(T);
            _state = state;
            _sql = sql;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            if (_sql is { } sql && context.ChangeTracker.Entries().Any(e => e.State == _state && e.Entity.GetType() == _entity))
            {
                _sql = null;
                Fired = true;
                await context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }

            return result;
        }
    }
}
