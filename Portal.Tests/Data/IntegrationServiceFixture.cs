using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;
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
