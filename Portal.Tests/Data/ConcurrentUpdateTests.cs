using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

/// <summary>PATCH racing other writers: an interceptor saves a competing change just before each of our saves.</summary>
public sealed class ConcurrentUpdateTests : RaceTest<ConcurrentUpdateTests.CompetingWriter>
{
    [Fact]
    public async Task An_unconditional_patch_that_loses_many_races_in_a_row_still_applies_and_never_fails_a_precondition()
    {
        var created = await CreateAsync();
        Competitor.RacesToWin = 8;

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch("https://acme.com/new"));

        Assert.Equal("https://acme.com/new", updated.Url);
        Assert.Equal(0, Competitor.RacesToWin);
        Assert.Equal("https://acme.com/new", (await Service.GetAsync(Acme, created.CloudId)).Url);
    }

    [Fact]
    public async Task A_patch_with_a_matching_if_match_that_loses_the_race_fails_its_precondition_and_changes_nothing()
    {
        var created = await CreateAsync();
        Competitor.RacesToWin = 1;

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.UpdateAsync(Acme, created.CloudId, Patch("https://acme.com/new"), IfMatch.Parse(created.ETag)));

        Assert.Equal(created.Url, (await Service.GetAsync(Acme, created.CloudId)).Url);
    }

    private async Task<IntegrationData> CreateAsync()
    {
        var created = await Service.CreateAsync(Acme, new IntegrationInput(Field.Of("Acme"), Field.Of("https://acme.com"), Field.Absent));
        return created;
    }

    private static IntegrationInput Patch(string url) => new(Field.Absent, Field.Of(url), Field.Absent);

    /// <summary>Before a save that updates an integration, bumps its version as another request's save would.</summary>
    public sealed class CompetingWriter : SaveChangesInterceptor
    {
        public int RacesToWin { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            if (RacesToWin > 0 && context.ChangeTracker.Entries().Any(e => e.State == EntityState.Modified))
            {
                RacesToWin--;
                await context.Database.ExecuteSqlRawAsync("UPDATE integrations SET \"Version\" = \"Version\" + 1;", cancellationToken);
            }

            return result;
        }
    }
}
