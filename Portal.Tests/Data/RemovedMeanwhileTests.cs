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
/// What a tenant or an integrator points at may be removed between the service's check and its insert (a site removed
/// during an install, an uninstall during a key's creation): that is "not found", never an unhandled error.
/// </summary>
public sealed class RemovedMeanwhileTests : IAsyncLifetime
{
    private readonly RemoveJustBeforeSave _interceptor = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() =>
        _db = await TestDatabase.CreateAsync(services => services.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(_interceptor)));

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
