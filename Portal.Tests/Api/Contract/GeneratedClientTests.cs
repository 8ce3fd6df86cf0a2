using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Portal.Data.AccessKeys;

namespace Portal.Tests.Api.Contract;

/// <summary>
/// A client generated from the served document (see <see cref="GeneratedClient"/>) replays every example of the
/// document, which are the seed's and INSTALLATIONS.md's, against the test host and gets what the examples show
/// (ids and secrets aside, which are new on every run). Every exchange is also judged by <see cref="ApiContract"/>.
/// </summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private static readonly string[] FreshValues = ["cloud_id", "id", "access_key"];

    private readonly ApiFactory _factory = new();
    private readonly HashSet<string> _replayed = new(StringComparer.Ordinal);
    private GeneratedClient _generated = null!;

    public async Task InitializeAsync() =>
        _generated = await GeneratedClient.ForAsync(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_seed_examples_replay_through_the_generated_client()
    {
        var client = _generated.NewClient(await _factory.ClientForAsync());

        var created = await ReplayAsync(client, "createIntegration", "201", "IntegrationCreate");
        var id = created!["cloud_id"]!.GetValue<string>();
        Assert.Matches(Portal.Data.CloudIds.IntegrationIdPattern, id);
        await ReplayAsync(client, "getIntegration", "200", null, ("cloudId", id));
        await ReplayAsync(client, "updateIntegration", "200", "IntegrationUpdate", ("cloudId", id));
        await ReplayAsync(client, "listIntegrations", "200", null, ("page", 1), ("per_page", 10));
        Assert.Null(await _generated.CallAsync(client, "deleteIntegration", ("cloudId", id)));

        var gone = await Assert.ThrowsAnyAsync<Exception>(() => _generated.CallAsync(client, "getIntegration", ("cloudId", id)));
        Assert.Equal(404, GeneratedClient.StatusOf(gone));
        AssertEveryExampleReplayed("Integrations");
    }

    [Fact]
    public async Task The_installation_and_access_key_examples_replay_through_the_generated_client()
    {
        var world = await InstallationWorld.CreateAsync(_factory);
        var client = _generated.NewClient(await world.IntegratorClientAsync());

        await ReplayAsync(client, "listInstallations", "200", null, ("integrationId", world.Integration.CloudId));
        var created = await ReplayAsync(client, "createAccessKey", "201", null, ("installationId", world.Installation.CloudId),
            ("body", _generated.FromJson("AccessKeyCreate", "{}")));
        var secret = created!["access_key"]!.GetValue<string>();
        Assert.Matches(AccessKeyService.SecretPattern, secret);
        var keyId = Guid.Parse(created["id"]!.GetValue<string>());
        await ReplayAsync(client, "listAccessKeys", "200", null, ("installationId", world.Installation.CloudId));
        await ReplayAsync(client, "getAccessKey", "200", null, ("accessKeyId", keyId));

        var asInstallation = _generated.NewClient(world.KeyClient(secret));
        Assert.Null(await _generated.CallAsync(asInstallation, "ping"));
        await ReplayAsync(asInstallation, "getCurrentInstallation", "200", null);
        Assert.Null(await _generated.CallAsync(client, "deleteAccessKey", ("accessKeyId", keyId)));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => _generated.CallAsync(asInstallation, "getCurrentInstallation"));
        Assert.Equal(401, GeneratedClient.StatusOf(refused));
        AssertEveryExampleReplayed("Installations", "AccessKeys", "CurrentInstallation");
    }

    /// <summary>
    /// Sends the operation's request example (as the generated type <paramref name="bodySchema"/>, when it has one) and
    /// asserts that the answer equals the example of <paramref name="status"/>.
    /// </summary>
    private async Task<JsonNode?> ReplayAsync(object client, string operationId, string status, string? bodySchema, params (string, object?)[] arguments)
    {
        var operation = Operation(operationId);
        var example = operation["responses"]![status]!["content"]!["application/json"]!["example"];
        Assert.True(example is not null, $"{operationId} has an example for {status}");
        var args = arguments.ToList();
        if (bodySchema is not null)
        {
            var request = operation["requestBody"]!["content"]!["application/json"]!["example"]!;
            args.Add(("body", _generated.FromJson(bodySchema, request.ToJsonString())));
        }

        var answer = await _generated.CallAsync(client, operationId, [.. args]);

        Assert.Equal(Comparable(example).ToJsonString(), Comparable(answer).ToJsonString());
        _replayed.Add(operationId);
        return answer;
    }

    private JsonObject Operation(string operationId) =>
        _generated.Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Select(m => m.Value!.AsObject()).Single(o => o["operationId"]?.GetValue<string>() == operationId);

    /// <summary>Every operation of these tags with an example of a success was replayed.</summary>
    private void AssertEveryExampleReplayed(params string[] tags)
    {
        var withExamples = _generated.Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Select(m => m.Value!.AsObject())
            .Where(o => o["tags"]!.AsArray().Any(t => tags.Contains(t!.GetValue<string>())))
            .Where(o => o["responses"]!.AsObject().Any(r => r.Key.StartsWith('2') && r.Value?["content"]?["application/json"]?["example"] is not null))
            .Select(o => o["operationId"]!.GetValue<string>());
        Assert.Empty(withExamples.Except(_replayed));
    }

    /// <summary>The JSON with fresh ids and secrets blanked and timestamps in one notation (the client reads them as DateTimeOffset).</summary>
    private static JsonNode Comparable(JsonNode? node)
    {
        var copy = node?.DeepClone() ?? JsonValue.Create("(no body)");
        Normalize(copy);
        return copy;
    }

    private static void Normalize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (FreshValues.Contains(key) && value is JsonValue)
                    {
                        o[key] = "(fresh)";
                    }
                    else if (key.EndsWith("_at", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        o[key] = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                    }
                    else if (value is not null)
                    {
                        Normalize(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Normalize(item);
                    }
                }

                break;
        }
    }

    [Fact]
    public async Task The_client_is_generated_from_the_served_document_with_one_method_per_operation()
    {
        var methods = _generated.ClientType.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).ToHashSet();
        var operations = _generated.Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Select(m => m.Value!["operationId"]!.GetValue<string>()).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, id => Assert.Contains(char.ToUpperInvariant(id[0]) + id[1..] + "Async", methods));
        Assert.Contains("http://localhost", await GeneratedClient.GenerateAsync(await _factory.CreateClient().GetStringAsync("/openapi/v1.json")));
    }
}
