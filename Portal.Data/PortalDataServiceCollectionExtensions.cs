using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data.AccessKeys;
using Portal.Data.Caching;
using Portal.Data.Database;
using Portal.Data.Events;
using Portal.Data.Idempotency;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sessions;
using Portal.Data.Sites;
using Portal.Data.Tokens;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>The setting that chooses the database: "sqlite" (the default) or "postgres".</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// Registers the database named by <c>Database:Provider</c> over <c>ConnectionStrings:Portal</c>, and the services
    /// over it. A relative SQLite file path is taken from <paramref name="baseDirectory"/> (the app's content root).
    /// </summary>
    /// <param name="listens">
    /// True for a node that serves pages and requests: it hears what the other nodes change. False for a command that
    /// runs on no node (tokens, copy-to): what it changes still reaches the nodes, but it opens no listening connection.
    /// </param>
    public static IServiceCollection AddPortalData(
        this IServiceCollection services, IConfiguration configuration, string baseDirectory, SessionLifetimeOptions? sessions = null, bool listens = true)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Portal is not set.");
        }

        return services.AddPortalData(connectionString, baseDirectory, sessions, configuration[ProviderKey], listens);
    }

    /// <summary>As above, with the connection string and the provider's name ("sqlite" when null) given.</summary>
    public static IServiceCollection AddPortalData(
        this IServiceCollection services, string connectionString, string baseDirectory, SessionLifetimeOptions? sessions = null, string? provider = null,
        bool listens = true)
    {
        var database = DatabaseProvider.For(provider, connectionString, baseDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        database.AddServices(services, listens);
        services.TryAddSingleton<IChangeTransport, InProcessChangeTransport>();
        services.AddSingleton(sp => new ChangeFeed(sp.GetRequiredService<IChangeTransport>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<ChangeFeed>>()));
        services.AddSingleton(sp => new IntegrationService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new SiteService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Feed(sp)));
        services.AddSingleton(sp => new InstallationService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new AccessKeyService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp), Feed(sp)));
        services.AddSingleton(sp => new EventService(Factory(sp)));
        services.AddSingleton(sp => new ApiTokenService(Factory(sp), sp.GetRequiredService<TimeProvider>(), Version(sp)));
        services.AddSingleton(sp => new IdempotencyStore(Factory(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SessionService(Factory(sp), sp.GetRequiredService<TimeProvider>(), sessions ?? new SessionLifetimeOptions()));
        services.AddSingleton(sp => new PortalDatabase(Factory(sp), database));
        return services;
    }

    private static ChangeFeed Feed(IServiceProvider sp) => sp.GetRequiredService<ChangeFeed>();

    /// <summary>The data-protection key ring in the portal's database, so that every node (and a restart) opens every cookie.</summary>
    public static IDataProtectionBuilder PersistKeysToPortalDatabase(this IDataProtectionBuilder builder) =>
        builder.PersistKeysToDbContext<PortalDbContext>();

    /// <summary>Readiness: the database answers and every migration is applied (tag <paramref name="tag"/>).</summary>
    public static IHealthChecksBuilder AddPortalDatabaseCheck(this IHealthChecksBuilder builder, string tag) =>
        builder.AddCheck<PortalDatabaseReadiness>("database", HealthStatus.Unhealthy, [tag], timeout: TimeSpan.FromSeconds(5));

    private static IDataVersion Version(IServiceProvider sp) => sp.GetRequiredService<IDataVersion>();

    private static IDbContextFactory<PortalDbContext> Factory(IServiceProvider sp) =>
        sp.GetRequiredService<IDbContextFactory<PortalDbContext>>();
}
