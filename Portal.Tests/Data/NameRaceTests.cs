using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Model;

namespace Portal.Tests.Data;

/// <summary>
/// Two requests taking the same name at once: both pass the "is it taken?" check, and the unique index decides. An
/// interceptor makes a competing request take the name between our check and our save.
/// </summary>
public sealed class NameRaceTests : RaceTest<NameRaceTests.CompetingCreate>
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Competitor.Service = () => Service;
    }

    [Fact]
    public async Task A_create_that_loses_the_race_for_its_name_is_told_the_name_is_taken_and_makes_nothing()
    {
        Competitor.TakeNameBeforeNextSave = "Feed Monitor";

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Acme, Input("feed monitor", "https://acme.com/ours")));

        Assert.Equal(
            [("name", ValidationCodes.Taken, "name is already used by another of your integrations.")],
            error.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
        var stored = await Service.ListAsync(Acme, new(Portal.Data.Paging.PageRequest.Default));
        Assert.Equal(["https://acme.com/theirs"], stored.Data.Select(i => i.Url));
    }

    [Fact]
    public async Task A_rename_that_loses_the_race_for_the_name_is_told_the_name_is_taken_and_keeps_the_old_name()
    {
        var ours = await Service.CreateAsync(Acme, Input("Old name", "https://acme.com/ours"));
        Competitor.TakeNameBeforeNextSave = "New name";

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.UpdateAsync(Acme, ours.CloudId, new IntegrationInput(Field.Of("NEW NAME"), Field.Absent, Field.Absent)));

        Assert.Equal(ValidationCodes.Taken, error.Errors.Single().Code);
        Assert.Equal("Old name", (await Service.GetAsync(Acme, ours.CloudId)).Name);
    }

    private static IntegrationInput Input(string name, string url) => new(Field.Of(name), Field.Of(url), Field.Absent);

    /// <summary>Before the next save that adds or changes an integration, another request creates one named so.</summary>
    public sealed class CompetingCreate : SaveChangesInterceptor
    {
        public Func<IntegrationService> Service { get; set; } = null!;

        public string? TakeNameBeforeNextSave { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var name = TakeNameBeforeNextSave;
            if (name is not null && eventData.Context!.ChangeTracker.Entries<Integration>()
                    .Any(e => e.State is EntityState.Added or EntityState.Modified))
            {
                TakeNameBeforeNextSave = null; // the competitor's own save passes through untouched
                await Service().CreateAsync(Acme, Input(name, "https://acme.com/theirs"), cancellationToken);
            }

            return result;
        }
    }
}
