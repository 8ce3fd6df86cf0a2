using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Sites;
using Portal.Tests.Api;

namespace Portal.Tests.Properties;

/// <summary>
/// One portal for the property tests, with two integrators and a tenant who each own data, and a way to read
/// every stored byte that no request may change unless it succeeds.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new(new() { ["Api:RateLimit:PermitLimit"] = "1000000", ["Logging:LogLevel:Default"] = "Warning" });

    public HttpClient Client { get; private set; } = null!;

    public Dictionary<Caller, string> Tokens { get; } = [];

    /// <summary>Ids, per kind of object, of the integrator the requests act as (Acme), and of the other integrator (Globex).</summary>
    public Dictionary<IdSpace, List<string>> OwnIds { get; } = NewIds();

    public Dictionary<IdSpace, List<string>> OtherIds { get; } = NewIds();

    public static string UnknownId(IdSpace space) => space switch
    {
        IdSpace.Installation => "inst_00000000000000000000000000000000",
        IdSpace.AccessKey => Guid.Empty.ToString(),
        _ => "int_00000000000000000000000000000000",
    };

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        Tokens[Caller.Integrator] = await Factory.CreateTokenAsync("dev-acme");
        Tokens[Caller.OtherIntegrator] = await Factory.CreateTokenAsync("dev-globex");
        Tokens[Caller.Tenant] = await Factory.CreateTokenAsync("dev-hillside", ActorRole.Tenant);
        var integrations = Factory.Services.GetRequiredService<IntegrationService>();
        var acme = Actor.Integrator("dev-acme");
        var globex = Actor.Integrator("dev-globex");
        for (var i = 0; i < 3; i++)
        {
            OwnIds[IdSpace.Integration].Add((await integrations.CreateAsync(acme, Input($"Acme {i}", "desc\nwith a line break"))).CloudId);
        }

        OtherIds[IdSpace.Integration].Add((await integrations.CreateAsync(globex, Input("Globex", null))).CloudId);

        // The tenant installs one integration of each integrator; each installation gets an access key.
        var tenant = Actor.Tenant("dev-hillside", "Hillside Pig Farm");
        var sites = Factory.Services.GetRequiredService<SiteService>();
        await sites.EnsureTenantAsync(tenant, ["Fixture site"]);
        var site = (await sites.ListAsync(tenant))[0].CloudId;
        var installations = Factory.Services.GetRequiredService<InstallationService>();
        var keys = Factory.Services.GetRequiredService<AccessKeyService>();
        foreach (var (owner, integrationId, ids) in new[] { (acme, OwnIds[IdSpace.Integration][0], OwnIds), (globex, OtherIds[IdSpace.Integration][0], OtherIds) })
        {
            var installation = (await installations.InstallAsync(tenant, integrationId, [site])).Single().CloudId;
            ids[IdSpace.Installation].Add(installation);
            var key = await keys.CreateAsync(owner, installation);
            ids[IdSpace.AccessKey].Add(key.Key.Id.ToString());
            Tokens.TryAdd(Caller.Installation, key.Secret); // Acme's installation's key
        }
    }

    private static Dictionary<IdSpace, List<string>> NewIds() => Enum.GetValues<IdSpace>().ToDictionary(space => space, _ => new List<string>());

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();

    /// <summary>
    /// Every row of every table, column by column, as stored (blobs in hex), except when a token was last used:
    /// authenticating any request moves that (a token's LastUsedAt, an access key's LastActiveAt), and it is not
    /// data a request asked to change.
    /// </summary>
    public string Snapshot()
    {
        using var connection = new SqliteConnection(Tests.Support.TestDatabase.ConnectionStringFor(Factory.Folder));
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            text.Append("## ").AppendLine(table);
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetName(i) is "LastUsedAt" or "LastActiveAt")
                    {
                        continue;
                    }

                    var value = reader.GetValue(i);
                    text.Append(reader.GetName(i)).Append('=').Append(value is byte[] bytes ? Convert.ToHexString(bytes) : value.ToString()).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    public AuthenticationHeaderValue? AuthorizationFor(HostileRequest request) => request.Caller switch
    {
        Caller.Anonymous => null,
        Caller.Garbage => null,
        _ => new AuthenticationHeaderValue("Bearer", Tokens[request.Caller]),
    };

    private static IntegrationInput Input(string name, string? description) =>
        new(Field.Of(name), Field.Of("https://example.com/" + Uri.EscapeDataString(name)), description is null ? Field.Absent : Field.Of(description));
}
