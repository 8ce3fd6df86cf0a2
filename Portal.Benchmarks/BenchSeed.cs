using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Sites;

namespace Portal.Benchmarks;

/// <summary>
/// scripts/bench.sh's fast seeding, for what the API cannot make quickly: "seed integrations" adds rows of one
/// integrator in bulk (the same entity the service writes, with the service's own normalisation) until it owns the
/// given count; "seed installations" makes tenants that install one integration through the services, one site each.
/// </summary>
internal static class BenchSeed
{
    public static async Task<int> RunAsync(string[] args)
    {
        // seed integrations <connection string> <owner> <count>   (Database__Provider=postgres for a PostgreSQL one)
        // seed installations <connection string> <integration id> <count>
        if (args.Length != 5)
        {
            await Console.Error.WriteLineAsync("usage: seed integrations|installations <connection string> <owner|integration id> <count>");
            return 2;
        }

        var collection = new ServiceCollection();
        collection.AddPortalData(args[2], Directory.GetCurrentDirectory(), provider: Environment.GetEnvironmentVariable("Database__Provider"));
        await using var services = collection.BuildServiceProvider();
        var count = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        if (args[1] == "integrations")
        {
            await SeedIntegrationsAsync(services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), args[3], count);
        }
        else
        {
            await SeedInstallationsAsync(services, args[3], count);
        }

        return 0;
    }

    private static async Task SeedIntegrationsAsync(IDbContextFactory<PortalDbContext> factory, string owner, int count)
    {
        int existing;
        await using (var db = await factory.CreateDbContextAsync())
        {
            existing = await db.Integrations.CountAsync(i => i.OwnerId == owner);
        }

        var at = DateTime.UtcNow.AddDays(-1);
        const int Batch = 10_000;
        for (var from = existing; from < count; from += Batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = from; i < Math.Min(count, from + Batch); i++)
            {
                var name = $"Bulk feed {i}";
                var created = at.AddMilliseconds(i);
                db.Integrations.Add(new Integration
                {
                    CloudId = CloudIds.NewIntegrationId(),
                    OwnerId = owner,
                    Name = name,
                    NormalizedName = IntegrationRules.NormalizeName(name),
                    Url = $"https://example.com/bulk/{i}",
                    Description = "Monitors your Gestal system data and notifies you in real time.",
                    CreatedAt = created,
                    UpdatedAt = created,
                    Version = 1,
                });
            }

            await db.SaveChangesAsync();
        }
    }

    private static async Task SeedInstallationsAsync(IServiceProvider services, string integrationId, int count)
    {
        var sites = services.GetRequiredService<SiteService>();
        var installations = services.GetRequiredService<InstallationService>();
        for (var i = 0; i < count; i++)
        {
            var tenant = Actor.Tenant($"bench-tenant-{integrationId}-{i}", $"Farm {i}");
            await sites.EnsureTenantAsync(tenant, [$"Barn {i}"]);
            var site = (await sites.ListAsync(tenant))[0];
            await installations.InstallAsync(tenant, integrationId, [site.CloudId]);
        }
    }
}
