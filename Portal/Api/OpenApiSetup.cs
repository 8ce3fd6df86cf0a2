using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>An error response of an action, described in the OpenAPI document as a problem details body.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode)
    : ProducesResponseTypeAttribute(typeof(ApiProblem), statusCode, "application/problem+json");

/// <summary>The action reads an integration's attributes as a JSON object body (see <see cref="BodyReader"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiRequestBodyAttribute : Attribute;

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
                    Description = "Integrations of Gestal Cloud. Authenticate with an API token: "
                        + "`Authorization: Bearer <token>`, or HTTP Basic with the token as user name and an empty password. "
                        + "Errors are RFC 9457 problem details; see /docs/errors.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API token (gcp_…) made on the API tokens page or with `tokens create`.",
                    },
                    [BasicScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "basic",
                        Description = "The API token as user name and an empty password.",
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
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBodyAttribute>().Any())
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Description = "A JSON object of the integration's attributes (at most 64 KiB).",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(IntegrationWrite), null, ct) },
                            ["application/vnd.gestal+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(IntegrationWrite), null, ct) },
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
