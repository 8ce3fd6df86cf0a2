using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>An error response of an action, described in the OpenAPI document as a problem details body.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode)
    : ProducesResponseTypeAttribute(typeof(ApiProblem), statusCode, "application/problem+json");

/// <summary>
/// The action reads a JSON object body (see <see cref="BodyReader"/>) of <see cref="Schema"/>'s attributes: an
/// integration's unless said otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiRequestBodyAttribute(Type? schema = null) : Attribute
{
    public Type Schema { get; } = schema ?? typeof(IntegrationWrite);

    public bool Required { get; init; } = true;
}

/// <summary>The OpenAPI document at /openapi/v1.json: endpoints, bodies, problems and the token schemes.</summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    public const string BasicScheme = "basic";

    public static void AddPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gestal Cloud developer portal API",
                    Version = "v1",
                    Description = "Integrations of Gestal Cloud, their installations and access keys. Authenticate with an API "
                        + "token (`Authorization: Bearer <token>`, or HTTP Basic with the token as user name and an empty password), "
                        + "or, as an installation (GET /api/integration, GET /api/ping), with one of its access keys in the same two ways. "
                        + "Errors are RFC 9457 problem details; see /docs/errors.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API token (gcp_…) made on the API tokens page or with `tokens create`, or an installation's access key (ak_…).",
                    },
                    [BasicScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "basic",
                        Description = "The API token or the access key as user name and an empty password.",
                    },
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, document)] = [] },
                ];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBodyAttribute>().FirstOrDefault() is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = body.Required,
                        Description = body.Required
                            ? "A JSON object of the integration's attributes (at most 64 KiB)."
                            : "No body, or an empty JSON object.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Schema, null, ct) },
                            ["application/vnd.gestal+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Schema, null, ct) },
                        },
                    };
                }
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(PageNumberOrFalse))
                {
                    schema.Type = JsonSchemaType.Integer | JsonSchemaType.Boolean;
                    schema.Description = "A page number, or false when there is none.";
                }

                return Task.CompletedTask;
            });
        });
}
