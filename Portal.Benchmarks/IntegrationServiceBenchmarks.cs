using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Model;
using Portal.Data.Paging;

namespace Portal.Benchmarks;

/// <summary>
/// The calls a page view or an API request makes, against a database holding 100,000 integrations of 20 integrators
/// (5,000 each): the indexes must keep them flat as the table grows.
/// </summary>
[MemoryDiagnoser]
public class IntegrationServiceBenchmarks
{
    private const int Owners = 20;
    private const int PerOwner = 5_000;
    private static readonly Actor Owner = Actor.Integrator("owner-7");

    private string _folder = null!;
    private ServiceProvider _services = null!;
    private IntegrationService _service = null!;
    private string _someId = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var collection = new ServiceCollection();
        collection.AddPortalData($"Data Source={Path.Combine(_folder, "portal.db")}", _folder);
        _services = collection.BuildServiceProvider();
        await _services.GetRequiredService<PortalDatabase>().MigrateAsync();
        await SeedAsync(_services.GetRequiredService<IDbContextFactory<PortalDbContext>>());
        _service = _services.GetRequiredService<IntegrationService>();
        _someId = (await _service.ListAsync(Owner, new IntegrationListQuery(PageRequest.Of(25, 100)))).Data[0].CloudId;
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<IntegrationData> Get_by_id() => _service.GetAsync(Owner, _someId);

    [Benchmark]
    public Task<Page<IntegrationData>> First_page_of_100() =>
        _service.ListAsync(Owner, new IntegrationListQuery(PageRequest.Of(1, 100)));

    [Benchmark]
    public Task<Page<IntegrationData>> Last_page_of_100() =>
        _service.ListAsync(Owner, new IntegrationListQuery(PageRequest.Of(PerOwner / 100, 100)));

    [Benchmark]
    public Task<Page<IntegrationData>> Search_by_name_sorted_by_name() =>
        _service.ListAsync(Owner, new IntegrationListQuery(PageRequest.Of(1, 25)) { Search = "feed 12", Sort = IntegrationSort.Name, Descending = false });

    [Benchmark]
    public Task<IntegrationData> Patch_url() =>
        _service.UpdateAsync(Owner, _someId, new IntegrationInput(Field.Absent, Field.Of("https://example.com/" + Guid.NewGuid().ToString("N")), Field.Absent));

    private static async Task SeedAsync(IDbContextFactory<PortalDbContext> factory)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var owner = 0; owner < Owners; owner++)
        {
            await using var db = await factory.CreateDbContextAsync();
            for (var i = 0; i < PerOwner; i++)
            {
                var name = $"Feed {i} of {owner}";
                var at = start.AddMinutes(owner * PerOwner + i);
                db.Integrations.Add(new Integration
                {
                    CloudId = CloudIds.NewIntegrationId(),
                    OwnerId = $"owner-{owner}",
                    Name = name,
                    NormalizedName = IntegrationRules.NormalizeName(name),
                    Url = $"https://example.com/{owner}/{i}",
                    Description = "Monitors your Gestal system data and notifies you in real time.",
                    CreatedAt = at,
                    UpdatedAt = at,
                    Version = 1,
                });
            }

            await db.SaveChangesAsync();
        }
    }
}
