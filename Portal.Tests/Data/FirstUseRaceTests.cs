using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Sites;

namespace Portal.Tests.Data;

/// <summary>
/// A tenant's first use racing another: the other request creates the tenant after our first look found none and
/// before our transaction begins. Ours then keeps the name current and adds no initial sites.
/// </summary>
public sealed class FirstUseRaceTests : RaceTest<FirstUseRaceTests.CompetingFirstUse>
{
    private SiteService Sites => Db.Get<SiteService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Competitor.Sites = () => Sites;
    }

    [Fact]
    public async Task A_first_use_that_loses_the_race_keeps_the_tenants_name_current_and_adds_no_initial_sites()
    {
        var userId = "farm-" + Guid.NewGuid().ToString("N");
        Competitor.FirstUseBeforeNextTransaction = Actor.Tenant(userId, "Old name");

        await Sites.EnsureTenantAsync(Actor.Tenant(userId, "New name"), ["North unit"]);

        Assert.True(Competitor.Fired);
        await using var db = await Db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal("New name", (await db.Tenants.AsNoTracking().SingleAsync(t => t.UserId == userId)).Name);
        Assert.Equal(["Their site"], (await Sites.ListAsync(Actor.Tenant(userId, "New name"))).Select(s => s.Name));
    }

    /// <summary>Before the next transaction begins, another request makes the tenant's first use, with its own site.</summary>
    public sealed class CompetingFirstUse : DbTransactionInterceptor
    {
        public Func<SiteService> Sites { get; set; } = null!;

        public Actor? FirstUseBeforeNextTransaction { get; set; }

        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (FirstUseBeforeNextTransaction is { } other)
            {
                FirstUseBeforeNextTransaction = null; // the competitor's own transaction passes through untouched
                Fired = true;
                await Sites().EnsureTenantAsync(other, ["Their site"], cancellationToken);
            }

            return result;
        }
    }
}
