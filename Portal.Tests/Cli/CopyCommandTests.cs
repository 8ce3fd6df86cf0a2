using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Tests.Api;
using Portal.Tests.Support;

namespace Portal.Tests.Cli;

/// <summary>
/// "Portal copy-to": an existing SQLite database moved into the database the tests run on (PostgreSQL in the
/// PostgreSQL run), after which a portal on the target serves the same integrations and accepts the same tokens.
/// </summary>
public sealed class CopyCommandTests : IAsyncLifetime
{
    private readonly string _source = TestDatabase.NewFolder();
    private readonly string _target = TestDatabase.NewFolder();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestDatabase.DeleteFolder(_source);
        TestDatabase.DeleteFolder(_target);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Copy_to_moves_every_row_of_a_sqlite_database_and_the_target_portal_serves_them()
    {
        var integration = await SeedSqliteSourceAsync();
        var token = (await RunOnSourceAsync("tokens", "create", "--user", "dev-acme")).Output.Trim();

        var copy = await RunOnSourceAsync("copy-to", "--provider", TestDatabase.Provider, "--connection-string", TestDatabase.ConnectionStringFor(_target));

        Assert.Equal(0, copy.ExitCode);
        Assert.Matches("^Copied [0-9]+ rows", copy.Output);
        await using var portal = new ApiFactory(folder: _target);
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var read = await client.GetAsync($"/api/integrations/{integration.CloudId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("Copied over", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // New rows get new keys after the copied ones.
        var created = await portal.Services.GetRequiredService<IntegrationService>().CreateAsync(Actor.Integrator("dev-acme"),
            new IntegrationInput(Field.Of("Made after the copy"), Field.Of("https://example.com/after"), Field.Absent));
        Assert.NotEqual(integration.CloudId, created.CloudId);
    }

    [Fact]
    public async Task Copy_to_refuses_a_target_that_holds_data_and_changes_nothing()
    {
        await SeedSqliteSourceAsync();
        Assert.Equal(0, (await RunOnSourceAsync("copy-to", "--provider", TestDatabase.Provider, "--connection-string", TestDatabase.ConnectionStringFor(_target))).ExitCode);

        var again = await RunOnSourceAsync("copy-to", "--provider", TestDatabase.Provider, "--connection-string", TestDatabase.ConnectionStringFor(_target));

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds data", again.Error, StringComparison.Ordinal);
    }

    private async Task<IntegrationData> SeedSqliteSourceAsync()
    {
        var services = new ServiceCollection().AddPortalData(SourceConnectionString, _source, provider: "sqlite");
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<PortalDatabase>().MigrateAsync();
        return await provider.GetRequiredService<IntegrationService>().CreateAsync(Actor.Integrator("dev-acme"),
            new IntegrationInput(Field.Of("Copied over"), Field.Of("https://example.com/copied"), Field.Absent));
    }

    private string SourceConnectionString => $"Data Source={Path.Combine(_source, "portal.db")}";

    private Task<(int ExitCode, string Output, string Error)> RunOnSourceAsync(params string[] args) =>
        PortalProcess.RunAsync(_source, [.. args, "--Database:Provider=sqlite", "--ConnectionStrings:Portal=" + SourceConnectionString]);
}
