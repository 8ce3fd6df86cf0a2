using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Portal.Data;
using Portal.Data.Idempotency;
using Portal.Data.Paging;

namespace Portal.Api.OpenApi;

/// <summary>
/// Describes each operation as the API's conventions make it behave, so that a new action written like the others
/// is described without code here: its operationId from the controller and action names (or [EndpointName]), its path
/// ids and page parameters from their names, the request headers and response headers from the statuses it declares
/// (304: If-None-Match and ETag; 412: If-Match; 409: Idempotency-Key; 201: Location; lists: Link; every response:
/// Request-Id and RateLimit-*), problem bodies, a 500 and a 503, and HEAD as GET without a body.
/// </summary>
internal static class ApiOperationTransformer
{
    /// <summary>What a path parameter names, by its name in the route: pattern or format, and a description.</summary>
    private static readonly Dictionary<string, (string? Pattern, string? Format, string Description)> PathIds = new(StringComparer.Ordinal)
    {
        ["cloudId"] = (CloudIds.IntegrationIdPattern, null, "The integration's cloud_id."),
        ["integrationId"] = (CloudIds.IntegrationIdPattern, null, "The integration's cloud_id."),
        ["installationId"] = (CloudIds.InstallationIdPattern, null, "The installation's cloud_id."),
        ["accessKeyId"] = (null, "uuid", "The access key's id."),
    };

    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var isHead = description.HttpMethod == HttpMethods.Head;
        var getId = OperationId(description.ActionDescriptor);
        operation.OperationId = isHead ? "head" + char.ToUpperInvariant(getId[0]) + getId[1..] : getId;
        if (isHead)
        {
            operation.Summary = "Headers only: " + char.ToLowerInvariant(operation.Summary![0]) + operation.Summary[1..];
            operation.Description = "As GET, with the same status and headers and no body.";
        }

        var isList = DescribeParameters(operation, description.ActionDescriptor);
        var statuses = operation.Responses?.Keys.ToHashSet() ?? [];
        AddRequestHeaders(operation, statuses, description.HttpMethod ?? "");
        await DescribeRequestBodyAsync(operation, context, ct);

        operation.Responses ??= [];
        foreach (var fault in (string[])["500", "503"])
        {
            if (!operation.Responses.ContainsKey(fault))
            {
                operation.Responses[fault] = new OpenApiResponse
                {
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = await ProblemSchemaAsync(context, ct) },
                    },
                };
            }
        }

        foreach (var (status, response) in operation.Responses)
        {
            DescribeResponse(status, (OpenApiResponse)response, isList, statuses.Contains("409"), isHead, context.Document);
        }

        ApiExamples.Apply(operation, getId, isHead);
    }

    /// <summary>camelCase: [EndpointName] if given, else the action and its resource (createIntegration, listIntegrations, ping).</summary>
    public static string OperationId(Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action)
    {
        if (action.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { } named)
        {
            return named.EndpointName;
        }

        if (action is not ControllerActionDescriptor controller)
        {
            return action.DisplayName ?? "operation";
        }

        var verb = char.ToLowerInvariant(controller.ActionName[0]) + controller.ActionName[1..];
        if (controller.ActionName == controller.ControllerName)
        {
            return verb;
        }

        var resource = controller.ControllerName;
        return verb + (controller.ActionName == "List" || !resource.EndsWith('s') ? resource : resource[..^1]);
    }

    /// <summary>Path ids with their patterns; page and per_page as whole numbers. True for a list (it has page).</summary>
    private static bool DescribeParameters(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action)
    {
        var isList = false;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Path && parameter.Name is { } name && PathIds.TryGetValue(name, out var id))
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = id.Pattern, Format = id.Format };
                parameter.Description = id.Description + " An unknown or malformed id, or another integrator's, is 404.";
            }
            else if (parameter.In == ParameterLocation.Query && parameter.Name == "page")
            {
                isList = true;
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Default = JsonValue.Create(1) };
                parameter.Description = "The page to return, from 1. Anything but a whole number of at least 1 is 422.";
            }
            else if (parameter.In == ParameterLocation.Query && parameter.Name == "per_page")
            {
                var perPage = action.EndpointMetadata.OfType<PageDefaultsAttribute>().FirstOrDefault()?.PerPage ?? PageRequest.DefaultPerPage;
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Default = JsonValue.Create(perPage) };
                parameter.Description = $"How many objects per page; above {PageRequest.MaxPerPage} it is {PageRequest.MaxPerPage}. "
                    + "Anything but a whole number of at least 1 is 422.";
            }
        }

        return isList;
    }

    private static void AddRequestHeaders(OpenApiOperation operation, HashSet<string> statuses, string method)
    {
        operation.Parameters ??= [];
        if (statuses.Contains("304"))
        {
            operation.Parameters.Add(ApiHeaders.Request(ApiHeaders.IfNoneMatch,
                "ETags of copies you hold: a match is 304 Not Modified with no body.", new OpenApiSchema { Type = JsonSchemaType.String }));
        }

        if (statuses.Contains("412"))
        {
            operation.Parameters.Add(ApiHeaders.Request(ApiHeaders.IfMatch,
                $"Apply the {method} only if the object's current ETag is among these; otherwise 412. Without it the {method} applies unconditionally.",
                new OpenApiSchema { Type = JsonSchemaType.String }));
        }

        if (statuses.Contains("409"))
        {
            operation.Parameters.Add(ApiHeaders.Request(ApiResults.IdempotencyKeyHeader,
                "Makes a retry safe: the same key with the same body (as JSON) returns the first 201 again with Idempotent-Replayed: true; "
                + "with another body it is 409. Kept at least 24 hours, per integrator; over 255 characters is 400.",
                new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyStore.MaxKeyLength }));
        }
    }

    /// <summary>The Problem component (which every other problem response refers to), not a copy of it inline.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(Problem), null, ct);
        if (context.Document is not { } document)
        {
            return schema;
        }

        document.AddComponent(nameof(Problem), schema);
        return new OpenApiSchemaReference(nameof(Problem), document);
    }

    private static async Task DescribeRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBodyAttribute>().FirstOrDefault() is not { } body)
        {
            return;
        }

        // A component of its own, so that a generated client names it (IntegrationCreate) rather than "Body2".
        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(body.Schema, null, ct);
        if (context.Document is { } document)
        {
            document.AddComponent(body.Schema.Name, schema);
            schema = new OpenApiSchemaReference(body.Schema.Name, document);
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = body.Required,
            Description = body.Required
                ? "A JSON object (at most 64 KiB), as application/json or application/vnd.gestal+json, in UTF-8."
                : "No body, or an empty JSON object.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema },
                ["application/vnd.gestal+json"] = new() { Schema = schema },
            },
        };
    }

    private static void DescribeResponse(
        string status, OpenApiResponse response, bool isList, bool idempotent, bool isHead, OpenApiDocument? document)
    {
        var code = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        response.Description = ApiHeaders.StatusDescription(code, isList);
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        var headers = response.Headers;
        headers[RequestIds.Header] = Shared(RequestIds.Header, ApiHeaders.RequestId);
        if (code != StatusCodes.Status401Unauthorized)
        {
            var required = code is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status500InternalServerError or StatusCodes.Status503ServiceUnavailable);
            foreach (var (name, header) in ApiHeaders.RateLimit(required))
            {
                headers[name] = Shared(required ? name : name + ApiHeaders.WhenSentSuffix, () => header);
            }
        }

        switch (code)
        {
            case StatusCodes.Status200OK when isList:
                headers[ApiHeaders.Link] = Shared(ApiHeaders.Link, ApiHeaders.LinkHeader);
                break;
            case StatusCodes.Status200OK when response.Content is { Count: > 0 }:
            case StatusCodes.Status304NotModified:
                headers[ApiHeaders.ETag] = Shared(ApiHeaders.ETag, ApiHeaders.ETagHeader);
                break;
            case StatusCodes.Status201Created:
                headers[ApiHeaders.ETag] = Shared(ApiHeaders.ETag, ApiHeaders.ETagHeader);
                headers[ApiHeaders.Location] = Shared(ApiHeaders.Location, ApiHeaders.LocationHeader);
                if (idempotent)
                {
                    headers[ApiResults.ReplayedHeader] = Shared(ApiResults.ReplayedHeader, ApiHeaders.ReplayedHeader);
                }

                break;
            case StatusCodes.Status401Unauthorized:
                headers[ApiHeaders.WwwAuthenticate] = Shared(ApiHeaders.WwwAuthenticate, ApiHeaders.WwwAuthenticateHeader);
                break;
            case StatusCodes.Status429TooManyRequests:
            case StatusCodes.Status503ServiceUnavailable:
                headers[ApiHeaders.RetryAfter] = Shared(ApiHeaders.RetryAfter, ApiHeaders.RetryAfterHeader);
                break;
        }

        // Each header is described once, in components.headers, and referred to from every response that sends it:
        // inline, the same dozen headers on every response of every operation were most of the document's size.
        IOpenApiHeader Shared(string id, Func<OpenApiHeader> make)
        {
            if (document is null)
            {
                return make();
            }

            document.Components ??= new OpenApiComponents();
            document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            document.Components.Headers.TryAdd(id, make());
            return new OpenApiHeaderReference(id, document);
        }

        if (isHead)
        {
            response.Content = null;
        }
    }
}
