using System.Net;

using Npgsql;

using Portal.E2E.Pages;
using Portal.E2E.Support;

using Xunit.Abstractions;

namespace Portal.E2E.MultiNode;

/// <summary>
/// Issue 11: a page open in Chromium on node B follows a PATCH made through node A's API. The two nodes are two
/// portals (each its own container, listener and change feed) on one PostgreSQL database; the only way between them
/// is the database. Runs in the PostgreSQL run of scripts/test.sh only (PORTAL_TEST_POSTGRES names the server).
/// </summary>
public sealed class TwoNodeLiveChangesJourney(BrowserFixture browser, TwoPostgresNodes nodes, ITestOutputHelper output)
    : PortalTest(browser, nodes.B, output), IClassFixture<TwoPostgresNodes>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_detail_page_open_on_node_B_follows_a_patch_and_a_delete_made_through_node_A()
    {
        var name = $"Across nodes {Guid.NewGuid().ToString("N")[..6]}";
        var integration = await nodes.A.CreateIntegrationAsync(Persona.Acme, name, "https://nodes.example");
        await new DevSignInPage(Page).SignInAsync(Persona.Acme);
        var detail = new IntegrationDetailPage(Page);
        await detail.OpenAsync(integration.CloudId, name);
        await Expect(detail.Versions).ToHaveCountAsync(1);
        using var api = new ApiClient(nodes.A, await nodes.A.CreateTokenAsync(Persona.Acme));

        var renamed = name + " renamed on A";
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(integration.CloudId, new { name = renamed })).StatusCode);

        await Expect(detail.Heading).ToHaveTextAsync(renamed, new() { Timeout = (float)WithinASecond.TotalMilliseconds });
        await Expect(detail.Versions).ToHaveCountAsync(2);
        await Expect(detail.Versions.First).ToContainTextAsync("Updated by API token e2e script");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(integration.CloudId)).StatusCode);

        await Expect(detail.DeletedAlert).ToContainTextAsync($"{renamed} was deleted by API token e2e script just now",
            new() { Timeout = (float)WithinASecond.TotalMilliseconds });
    }
}

/// <summary>A portal on the PostgreSQL database of <paramref name="connectionString"/>.</summary>
public sealed class PostgresPortalServer(string connectionString) : PortalServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Database:Provider", "postgres"),
        new("ConnectionStrings:Portal", connectionString),
    ];
}

/// <summary>
/// Two nodes on one new PostgreSQL database of the server PORTAL_TEST_POSTGRES names (a role that may create
/// databases), dropped at the end.
/// </summary>
public sealed class TwoPostgresNodes : IAsyncLifetime
{
    private readonly string _database = "portal_e2e_" + Guid.NewGuid().ToString("N");

    public PostgresPortalServer A { get; private set; } = null!;

    public PostgresPortalServer B { get; private set; } = null!;

    private static string Admin => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } admin
        ? admin
        : throw new InvalidOperationException(
            "The multi-node journeys need PostgreSQL: run `bash scripts/test.sh` (it starts a throw-away cluster), or set "
            + "PORTAL_TEST_POSTGRES to the connection string of a role that may create databases.");

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {_database}");
        var connectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _database }.ConnectionString;
        A = new PostgresPortalServer(connectionString);
        B = new PostgresPortalServer(connectionString);
        await ((IAsyncLifetime)A).InitializeAsync();
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
