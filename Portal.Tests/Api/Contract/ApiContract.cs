extern alias JsonEverything;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonEverything::Json.Schema;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Portal.Tests.Api.Contract;

/// <summary>
/// The served OpenAPI document as a judge of traffic: every response must be one the document describes (status,
/// headers, media type, body), every request the server accepted must be one it allows (path, query and header
/// parameters, body), and a 405's Allow must name exactly the methods the document has for that path.
/// </summary>
public sealed class ApiContract
{
    /// <summary>The headers whose presence the document must announce wherever they are sent.</summary>
    private static readonly string[] AnnouncedHeaders =
    [
        "ETag", "Location", "Link", "Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After",
        "WWW-Authenticate", "Idempotent-Replayed",
    ];

    private static readonly string[] Methods = ["get", "head", "post", "put", "patch", "delete", "options", "trace"];

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _document;
    private readonly JsonObject _components;
    private readonly List<(string[] Segments, JsonObject Item)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public ApiContract(string documentJson)
    {
        _document = JsonNode.Parse(documentJson)!.AsObject();
        _components = _document["components"]?["schemas"]?.AsObject() ?? [];
        _paths = _document["paths"]!.AsObject()
            .Select(p => (p.Key.Trim('/').Split('/'), p.Value!.AsObject()))
            .ToList();
    }

    public JsonObject Document => _document;

    /// <summary>Every way in which <paramref name="exchange"/> departs from the document (none when it matches).</summary>
    public IReadOnlyList<string> Check(Exchange exchange)
    {
        var problems = new List<string>();
        var segments = exchange.Path.Trim('/').Split('/');
        var match = _paths
            .Where(p => p.Segments.Length == segments.Length
                && p.Segments.Zip(segments).All(s => IsParameter(s.First) ? s.Second.Length > 0 : s.First == s.Second))
            .OrderByDescending(p => p.Segments.Count(s => !IsParameter(s)))
            .Select(p => ((string[] Segments, JsonObject Item)?)p)
            .FirstOrDefault();
        if (match is not { } path)
        {
            if (exchange.Status < 400)
            {
                problems.Add($"{exchange}: the document has no such path, yet it answered {exchange.Status}");
            }

            return problems;
        }

        var documented = Methods.Where(m => path.Item.ContainsKey(m)).ToList();
        if (path.Item[exchange.Method.ToLowerInvariant()] is not JsonObject operation || exchange.Method != exchange.Method.ToUpperInvariant())
        {
            if (exchange.Status == 405)
            {
                var allow = exchange.ResponseHeaders.GetValueOrDefault("Allow", "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (!allow.Order().SequenceEqual(documented.Select(m => m.ToUpperInvariant()).Order()))
                {
                    problems.Add($"{exchange}: Allow is '{string.Join(", ", allow)}' but the document has {string.Join(", ", documented)}");
                }

                CheckJson(problems, exchange, "405 body", Parse(exchange.ResponseBody), new JsonObject { ["$ref"] = "#/components/schemas/Problem" });
            }

            return problems;
        }

        CheckResponse(problems, exchange, operation);
        if (exchange.Status is >= 200 and < 300)
        {
            CheckRequest(problems, exchange, operation, path.Item, path.Segments, segments);
        }

        return problems;
    }

    private void CheckResponse(List<string> problems, Exchange exchange, JsonObject operation)
    {
        var status = exchange.Status.ToString(CultureInfo.InvariantCulture);
        if (operation["responses"]?[status] is not JsonObject response)
        {
            problems.Add($"{exchange}: status {status} is not documented for {operation["operationId"]}");
            return;
        }

        var headers = response["headers"]?.AsObject() ?? [];
        foreach (var (name, described) in headers)
        {
            var header = Resolve(described);
            var value = exchange.ResponseHeaders.GetValueOrDefault(name);
            if (value is null)
            {
                if (header?["required"]?.GetValue<bool>() == true)
                {
                    problems.Add($"{exchange}: required header {name} is missing");
                }

                continue;
            }

            CheckJson(problems, exchange, $"header {name}", HeaderValue(value, header!["schema"]!), header!["schema"]!);
        }

        foreach (var name in AnnouncedHeaders.Where(n => exchange.ResponseHeaders.ContainsKey(n) && !headers.ContainsKey(n)))
        {
            problems.Add($"{exchange}: header {name} is sent but not documented");
        }

        var content = response["content"]?.AsObject();
        if (exchange.Method == "HEAD" || content is null || content.Count == 0)
        {
            if (exchange.ResponseBody.Length > 0)
            {
                problems.Add($"{exchange}: a body was sent where the document has none");
            }

            return;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(exchange.ResponseHeaders.GetValueOrDefault("Content-Type"), out var parsed)
            ? parsed.MediaType.Value ?? ""
            : "";
        if (content[mediaType] is not JsonObject media)
        {
            problems.Add($"{exchange}: media type '{mediaType}' is not documented ({string.Join(", ", content.Select(c => c.Key))})");
            return;
        }

        CheckJson(problems, exchange, "response body", Parse(exchange.ResponseBody), media["schema"]!);
    }

    private void CheckRequest(List<string> problems, Exchange exchange, JsonObject operation, JsonObject item, string[] template, string[] segments)
    {
        var query = QueryHelpers.ParseQuery(exchange.Query);
        var parameters = (operation["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? []).OfType<JsonObject>();
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var schema = parameter["schema"]!;
            string? value = parameter["in"]!.GetValue<string>() switch
            {
                "path" => Uri.UnescapeDataString(segments[Array.IndexOf(template, "{" + name + "}")]),
                "query" => query.TryGetValue(name, out var values) ? values.ToString() : null,
                "header" => exchange.RequestHeaders.GetValueOrDefault(name),
                _ => null,
            };
            if (value is null)
            {
                if (parameter["required"]?.GetValue<bool>() == true)
                {
                    problems.Add($"{exchange}: accepted without the required parameter {name}");
                }

                continue;
            }

            CheckJson(problems, exchange, $"parameter {name}", HeaderValue(value, schema), schema);
        }

        var body = operation["requestBody"]?.AsObject();
        if (body is null)
        {
            return; // a body sent to an operation that takes none is ignored by the server, and by the document
        }

        if (exchange.RequestBody.Length == 0)
        {
            if (body["required"]?.GetValue<bool>() == true)
            {
                problems.Add($"{exchange}: accepted without the required body");
            }

            return;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(exchange.RequestHeaders.GetValueOrDefault("Content-Type"), out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant() ?? ""
            : "";
        if (body["content"]?[mediaType] is not JsonObject media)
        {
            problems.Add($"{exchange}: accepted a body of media type '{mediaType}' that the document does not list");
            return;
        }

        CheckJson(problems, exchange, "request body", Parse(exchange.RequestBody), media["schema"]!);
    }

    private void CheckJson(List<string> problems, Exchange exchange, string what, JsonNode? instance, JsonNode schema)
    {
        var results = SchemaFor(schema).Evaluate(instance, Evaluation);
        if (!results.IsValid)
        {
            var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            var text = instance?.ToJsonString() ?? "null";
            problems.Add($"{exchange}: {what} {(text.Length > 300 ? text[..300] + "…" : text)} does not match: {string.Join("; ", errors)}");
        }
    }

    /// <summary>A schema of the document, made self-contained: the components become its $defs.</summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var key = schema.ToJsonString();
        return _schemas.GetOrAdd(key, text =>
        {
            var standalone = JsonNode.Parse(text)!.AsObject();
            standalone["$defs"] = _components.DeepClone();
            return JsonSchema.FromText(standalone.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal));
        });
    }

    /// <summary>What a $ref (#/components/headers/ETag) points at in the document; anything else as it is.</summary>
    private JsonNode? Resolve(JsonNode? node) =>
        node?["$ref"]?.GetValue<string>() is { } reference
            ? reference.TrimStart('#').Trim('/').Split('/').Aggregate((JsonNode?)_document, (at, segment) => at?[segment])
            : node;

    /// <summary>A header or parameter's text as the JSON value its schema types it as (RateLimit-Limit: 1200 is an integer).</summary>
    private static JsonNode? HeaderValue(string value, JsonNode schema)
    {
        var type = schema["type"]?.ToJsonString() ?? "";
        if (type.Contains("integer", StringComparison.Ordinal) && value.Length > 0 && value.All(char.IsAsciiDigit))
        {
            return JsonValue.Create(decimal.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        if (type.Contains("boolean", StringComparison.Ordinal) && value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        return JsonValue.Create(value);
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            var text = Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
            return JsonNode.Parse(text.Length == 0 ? "null" : text);
        }
        catch (JsonException)
        {
            return JsonValue.Create("(not JSON: " + body.Length + " bytes)");
        }
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
