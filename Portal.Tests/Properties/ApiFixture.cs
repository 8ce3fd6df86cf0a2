using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
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

    /// <summary>Ids of the integrator the requests act as (Acme), and of the other integrator (Globex).</summary>
    public List<string> OwnIds { get; } = [];

    public List<string> OtherIds { get; } = [];

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        Tokens[Caller.Integrator] = await Factory.CreateTokenAsync("dev-acme");
        Tokens[Caller.OtherIntegrator] = await Factory.CreateTokenAsync("dev-globex");
        Tokens[Caller.Tenant] = await Factory.CreateTokenAsync("dev-hillside", ActorRole.Tenant);
        var integrations = Factory.Services.GetRequiredService<IntegrationService>();
        for (var i = 0; i < 3; i++)
        {
            OwnIds.Add((await integrations.CreateAsync(Actor.Integrator("dev-acme"), Input($"Acme {i}", "desc\nwith a line break"))).CloudId);
        }

        OtherIds.Add((await integrations.CreateAsync(Actor.Integrator("dev-globex"), Input("Globex", null))).CloudId);
        await integrations.InstallAsync(Actor.Tenant("dev-hillside"), OtherIds[0], "site-1");
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();

    /// <summary>
    /// Every row of every table, column by column, as stored (blobs in hex), except when a token was last used:
    /// authenticating any request moves that, and it is not data a request asked to change.
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
                    if (reader.GetName(i) == "LastUsedAt")
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
