using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// A service test that loses a race on purpose: its own fresh database runs every save or command through
/// <see cref="Competitor"/>, an interceptor that makes another request's change at the worst moment.
/// </summary>
public abstract class RaceTest<TCompetitor> : IAsyncLifetime
    where TCompetitor : class, IInterceptor, new()
{
    protected static readonly Actor Acme = Actor.Integrator("acme");

    protected TCompetitor Competitor { get; } = new();

    protected TestDatabase Db { get; private set; } = null!;

    protected IntegrationService Service => Db.Get<IntegrationService>();

    public virtual async Task InitializeAsync() =>
        Db = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(Competitor));

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
