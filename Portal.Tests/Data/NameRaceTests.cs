using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// Two requests taking the same name at once: both pass the "is it taken?" check, and the unique index decides. An
/// interceptor makes a competing request take the name between our check and our save.
/// </summary>
public sealed class NameRaceTests : IAsyncLifetime
{
    private static readonly Actor Acme = Actor.Integrator("acme");
    private readonly CompetingCreate _competitor = new();
    private TestDatabase _db = null!;

    private IntegrationService Service => _db.Get<IntegrationService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(_competitor));
        _competitor.Service = () => Service;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_create_that_loses_the_race_for_its_name_is_told_the_name_is_taken_and_makes_nothing()
    {
        _competitor.TakeNameBeforeNextSave = "Feed Monitor";

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
        _competitor.TakeNameBeforeNextSave = "New name";

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.UpdateAsync(Acme, ours.CloudId, new IntegrationInput(Field.Of("NEW NAME"), Field.Absent, Field.Absent)));

        Assert.Equal(ValidationCodes.Taken, error.Errors.Single().Code);
        Assert.Equal("Old name", (await Service.GetAsync(Acme, ours.CloudId)).Name);
    }

    private static IntegrationInput Input(string name, string url) => new(Field.Of(name), Field.Of(url), Field.Absent);

    /// <summary>Before the next save that adds or changes an integration, another request creates one named so.</summary>
    private sealed class CompetingCreate : SaveChangesInterceptor
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
