using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Hosting;

/// <summary>
/// A SQLite file made before PostgreSQL came (its migrations then lived in another folder and namespace) upgrades in
/// place: the migration ids in its history are the ones the code still has, and its data stays.
/// </summary>
public sealed class SqliteUpgradeTests : IAsyncLifetime
{
    private static readonly string[] MigrationsBeforePostgres =
        ["20261128121427_InitialSchema", "20261201083358_Installations", "20261201094747_Sessions"];

    private readonly string _folder = TestDatabase.NewFolder();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestDatabase.DeleteFolder(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_database_at_the_last_migration_before_postgres_keeps_its_data_and_gets_only_the_new_migrations()
    {
        var services = new ServiceCollection().AddPortalData($"Data Source={Path.Combine(_folder, "portal.db")}", _folder, provider: "sqlite");
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationsBeforePostgres[^1]);
        }

        var database = provider.GetRequiredService<PortalDatabase>();
        Assert.DoesNotContain(MigrationsBeforePostgres, (await database.PendingMigrationsAsync()).Contains);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(MigrationsBeforePostgres, await db.Database.GetAppliedMigrationsAsync());
        }

        // A row as that schema holds it (the services of today also write tables it does not have yet).
        const string kept = "int_keptkeptkeptkeptkeptkeptkeptkept";
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO integrations (CloudId, OwnerId, Name, NormalizedName, Url, CreatedAt, UpdatedAt, Version) " +
                $"VALUES ('{kept}', 'acme', 'Kept', 'KEPT', 'https://example.com/kept', '2001-01-01 01:01:01', '2001-01-01 01:01:01', 1)");
        }

        await database.MigrateAsync();

        Assert.Empty(await database.PendingMigrationsAsync());
        var service = provider.GetRequiredService<IntegrationService>();
        Assert.Equal("Kept", (await service.GetAsync(Actor.Integrator("acme"), kept)).Name);
        var renamed = await service.UpdateAsync(Actor.Integrator("acme"), kept, new IntegrationInput(Field.Of("Kept and renamed"), Field.Absent, Field.Absent));
        Assert.Equal("Kept and renamed", renamed.Name); // and the tables of today's migrations are there to write to
    }
}
