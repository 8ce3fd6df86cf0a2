using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data.Database;

/// <summary>
/// Everything that differs between the databases, in one place: configuring EF Core, what caches ask whether data
/// changed, bringing the schema up to date, recognising a broken constraint. Chosen by <c>Database:Provider</c>;
/// nothing outside Portal.Data knows which one it runs on.
/// </summary>
internal abstract class DatabaseProvider(string connectionString)
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string ConnectionString { get; } = connectionString;

    public abstract string Name { get; }

    /// <summary>The provider named by <c>Database:Provider</c> (null or empty: SQLite), over <paramref name="connectionString"/>.</summary>
    public static DatabaseProvider For(string? name, string connectionString, string baseDirectory) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or Sqlite => new SqliteProvider(connectionString, baseDirectory),
        Postgres or "postgresql" => new PostgresProvider(connectionString),
        _ => throw new InvalidOperationException($"Database:Provider is \"{name}\"; it must be \"{Sqlite}\" (the default) or \"{Postgres}\"."),
    };

    /// <summary>Registers the context factory (as <see cref="PortalDbContext"/>), the data version and the notifications.</summary>
    /// <param name="listens">False in a process that serves nothing (a command): it hears no other node.</param>
    public abstract void AddServices(IServiceCollection services, bool listens);

    /// <summary>Applies pending migrations; safe when several processes start at once.</summary>
    public abstract Task MigrateAsync(PortalDbContext db, CancellationToken ct);

    /// <summary>A consistent copy of the database in <paramref name="file"/>, made while the portal serves.</summary>
    public abstract Task BackupToAsync(string file, CancellationToken ct);

    /// <summary>After a copy with explicit keys, the next generated keys follow the copied ones.</summary>
    public virtual Task ResetKeysAsync(PortalDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The context of this database, handed to services as <see cref="PortalDbContext"/>, with the interceptors
    /// registered in the container (tests use them to force races) and the provider's own.
    /// </summary>
    protected static void AddContext<TContext>(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        services.AddDbContextFactory<TContext>((sp, options) =>
        {
            configure(sp, options);
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp => new AsPortalContext<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
    }

    private sealed class AsPortalContext<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
