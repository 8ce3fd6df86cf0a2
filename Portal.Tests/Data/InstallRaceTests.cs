using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Sites;

namespace Portal.Tests.Data;

/// <summary>
/// Two installs of one integration on one site at once: both find it not installed, and the unique index decides. An
/// interceptor makes a competing request install it between our check and our save; ours then goes on to its next site.
/// </summary>
public sealed class InstallRaceTests : RaceTest<InstallRaceTests.CompetingInstall>
{
    private static readonly Actor Tenant = Actor.Tenant("farm-race", "Hillside Pig Farm");

    [Fact]
    public async Task An_install_that_loses_the_race_on_one_site_keeps_the_winners_and_tells_of_each_installation_once()
    {
        var integration = await Service.CreateAsync(Acme, new IntegrationInput(Field.Of("Feed monitor"), Field.Of("https://acme.com"), Field.Absent));
        var sites = Db.Get<SiteService>();
        var north = await sites.AddAsync(Tenant, "North");
        var south = await sites.AddAsync(Tenant, "South");
        Competitor.Install = async siteKey =>
        {
            await using var db = await Db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var site = await db.Sites.Where(s => s.Id == siteKey).Select(s => s.CloudId).SingleAsync();
            await Db.Get<InstallationService>().InstallAsync(Tenant, integration.CloudId, [site]);
        };

        var installed = await Db.Get<InstallationService>().InstallAsync(Tenant, integration.CloudId, [north.CloudId, south.CloudId]);

        Assert.True(Competitor.Competed);
        Assert.Equal(["North", "South"], installed.Select(i => i.Site.Name));
        await using var db = await Db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var made = await db.Events.Where(e => e.Kind == EventKinds.InstallationCreated).Select(e => e.SubjectId).ToListAsync();
        Assert.Equal(installed.Select(i => i.CloudId).Order(), made.Order());
    }

    /// <summary>Before the first save that adds an installation, another request installs the integration on its site.</summary>
    public sealed class CompetingInstall : SaveChangesInterceptor
    {
        public Func<long, Task>? Install { get; set; }

        public bool Competed { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var install = Install;
            var adding = eventData.Context!.ChangeTracker.Entries<Installation>().FirstOrDefault(e => e.State is EntityState.Added);
            if (install is not null && adding is not null)
            {
                Install = null; // the competitor's own save passes through untouched
                await install(adding.Entity.SiteId);
                Competed = true;
            }

            return result;
        }
    }
}
