using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Portal.Api.OpenApi;

/// <summary>
/// The contract's examples (seed-integrations.md, INSTALLATIONS.md, API.md), by operationId: the request an example
/// sends and what it answers. The tests replay each of them through a client generated from the document.
/// </summary>
internal static class ApiExamples
{
    public const string SeedCreate = """
        {"name": "Acme Plus", "url": "https://acme.com/products/acme-plus", "description": "Integrate Gestal Cloud with Acme Plus notification service."}
        """;

    public const string SeedPatch = """{"url": "https://acme.com/products/another-url"}""";

    public const string SeedIntegration = """
        {
          "cloud_id": "int_41soix4ZP9os2M1lsPzwlpbvqnqHJgYH",
          "name": "Acme Plus",
          "url": "https://acme.com/products/acme-plus",
          "description": "Integrate Gestal Cloud with Acme Plus notification service.",
          "created_at": "2001-01-01T01:01:01.000Z",
          "updated_at": "2001-01-01T01:01:01.000Z"
        }
        """;

    public const string SeedUpdated = """
        {
          "cloud_id": "int_41soix4ZP9os2M1lsPzwlpbvqnqHJgYH",
          "name": "Acme Plus",
          "url": "https://acme.com/products/another-url",
          "description": "Integrate Gestal Cloud with Acme Plus notification service.",
          "created_at": "2001-01-01T01:01:01.000Z",
          "updated_at": "2001-01-01T01:01:01.000Z"
        }
        """;

    /// <summary>The seed's list example, with page_total (API.md: newer Gestal pages add it).</summary>
    public const string SeedList = """
        {
          "data": [
            {
              "cloud_id": "int_41soix4ZP9os2M1lsPzwlpbvqnqHJgYH",
              "name": "Acme Plus",
              "url": "https://acme.com/products/another-url",
              "description": "Integrate Gestal Cloud with Acme Plus notification service.",
              "created_at": "2001-01-01T01:01:01.000Z",
              "updated_at": "2001-01-01T01:01:01.000Z"
            }
          ],
          "meta": {"total": 1, "pages": 1, "per_page": 10, "current_page": 1, "next_page": false, "previous_page": false,
                   "first_page": true, "last_page": true, "out_of_range": false, "page_total": 1}
        }
        """;

    public const string Installation = """
        {
          "cloud_id": "inst_JbB8eEQnk4qy5vp2LN6BzTjpIAR4BJwD",
          "created_at": "2001-01-01T01:01:01.000Z",
          "tenant": { "cloud_id": "te_qxSygnPmLR8GkBfevGTm73c85Ll3rrC1", "name": "Tenant" },
          "site": { "cloud_id": "sit_VbRdHhAiizrPScy3TjNH28Ijfvqd6xGc", "name": "Site 1" }
        }
        """;

    public const string AccessKey = """
        {
          "id": "25201008-8c5a-4acb-b9f6-fd6a5f4e41c5",
          "access_key": "ak_xxxxxxxxxxxxxxxxxxxxxxxxxxxx7890",
          "last_active_at": null,
          "created_at": "2001-01-01T01:01:01.000Z"
        }
        """;

    public const string CurrentInstallation = """
        {
          "cloud_id": "inst_JbB8eEQnk4qy5vp2LN6BzTjpIAR4BJwD",
          "name": "Acme Plus",
          "url": "https://acme.com/products/acme-plus",
          "type": "third_party",
          "signed": false,
          "description": "Integrate Gestal Cloud with Acme Plus notification service.",
          "access_key": { "last_active_at": "2001-01-01T01:01:01.000Z" },
          "site": { "cloud_id": "sit_VbRdHhAiizrPScy3TjNH28Ijfvqd6xGc", "name": "Site 1" }
        }
        """;

    /// <summary>API.md's validation problem (its request id written out in full).</summary>
    public const string ValidationFailed = """
        {
          "type": "/docs/errors#validation",
          "title": "Validation failed",
          "status": 422,
          "detail": "2 attributes are invalid.",
          "errors": [
            { "attribute": "name", "code": "missing", "message": "name is required." },
            { "attribute": "url", "code": "invalid", "message": "url must be an absolute http or https URL." }
          ],
          "request_id": "req_8f3k2hQ0bXcW9tLmR4sVyZ1a"
        }
        """;

    private const string OneMeta = """
        {"total": 1, "pages": 1, "per_page": 100, "current_page": 1, "next_page": false, "previous_page": false,
         "first_page": true, "last_page": true, "out_of_range": false, "page_total": 1}
        """;

    /// <summary>Per operationId: the request body's example (or null) and each status's example.</summary>
    public static IReadOnlyDictionary<string, (string? Request, IReadOnlyDictionary<string, string> Responses)> ByOperation { get; } =
        new Dictionary<string, (string?, IReadOnlyDictionary<string, string>)>(StringComparer.Ordinal)
        {
            ["createIntegration"] = (SeedCreate, new Dictionary<string, string> { ["201"] = SeedIntegration, ["422"] = ValidationFailed }),
            ["getIntegration"] = (null, new Dictionary<string, string> { ["200"] = SeedIntegration }),
            ["updateIntegration"] = (SeedPatch, new Dictionary<string, string> { ["200"] = SeedUpdated }),
            ["listIntegrations"] = (null, new Dictionary<string, string> { ["200"] = SeedList }),
            ["listInstallations"] = (null, new Dictionary<string, string> { ["200"] = $$"""{"data": [{{Installation}}], "meta": {{OneMeta}}}""" }),
            ["createAccessKey"] = (null, new Dictionary<string, string> { ["201"] = AccessKey }),
            ["listAccessKeys"] = (null, new Dictionary<string, string> { ["200"] = $$"""{"data": [{{AccessKey}}], "meta": {{OneMeta}}}""" }),
            ["getAccessKey"] = (null, new Dictionary<string, string> { ["200"] = AccessKey }),
            ["getCurrentInstallation"] = (null, new Dictionary<string, string> { ["200"] = CurrentInstallation }),
        };

    public static void Apply(OpenApiOperation operation, string operationId, bool isHead)
    {
        if (isHead || !ByOperation.TryGetValue(operationId, out var examples))
        {
            return;
        }

        if (examples.Request is { } request && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = JsonNode.Parse(request);
            }
        }

        foreach (var (status, example) in examples.Responses)
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content is { } media)
            {
                foreach (var type in media.Values)
                {
                    type.Example = JsonNode.Parse(example);
                }
            }
        }
    }
}
