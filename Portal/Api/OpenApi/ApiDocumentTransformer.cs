using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api.OpenApi;

/// <summary>The document as a whole: info, a server URL that joins with the paths, the two token schemes, tags.</summary>
internal static class ApiDocumentTransformer
{
    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Gestal Cloud developer portal API",
            Version = "v1",
            Description = "Integrations of Gestal Cloud, their installations and access keys. Authenticate with an API "
                + "token (`Authorization: Bearer <token>`, or HTTP Basic with the token as user name and an empty password), "
                + "or, as an installation (GET /api/integration, GET /api/ping), with one of its access keys in the same two ways. "
                + "Errors are RFC 9457 problem details; see /docs/errors. HEAD is served wherever GET is; any other method on a "
                + "path is 405 with an Allow header naming exactly the methods of that path.",
            License = new OpenApiLicense { Name = "Proprietary: Gestal Cloud terms of use", Identifier = "LicenseRef-Gestal-Cloud-Terms" },
        };

        // The generator writes the request's origin with a trailing "/", which a client joins into "//api/…".
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OpenApiSetup.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (gcp_…) made on the API tokens page or with `tokens create`, or an installation's access key (ak_…).",
            },
            [OpenApiSetup.BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "The API token or the access key as user name and an empty password (`http -a <token>: …`).",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BasicScheme, document)] = [] },
        ];

        InlineScalarComponents(document);

        // A tag per controller, described by the controller's [Description].
        document.Tags = context.DescriptionGroups.SelectMany(g => g.Items)
            .Select(d => d.ActionDescriptor).OfType<ControllerActionDescriptor>()
            .DistinctBy(a => a.ControllerName)
            .OrderBy(a => a.ControllerName, StringComparer.Ordinal)
            .Select(a => new OpenApiTag
            {
                Name = a.ControllerName,
                Description = a.ControllerTypeInfo.GetCustomAttribute<DescriptionAttribute>()?.Description,
            })
            .ToHashSet();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A component of no single type (PageNumberOrFalse: a number or false) is written where it is used: client
    /// generators turn a component into a class, which such a value cannot be read into.
    /// </summary>
    private static void InlineScalarComponents(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var (name, scalar) in schemas.Where(s => s.Value.Type is null && s.Value.Properties is not { Count: > 0 }).ToList())
        {
            foreach (var holder in schemas.Values.OfType<OpenApiSchema>().Where(s => s.Properties is not null))
            {
                foreach (var (property, value) in holder.Properties!.ToList())
                {
                    if (value is OpenApiSchemaReference reference && reference.Reference.Id == name)
                    {
                        var inline = (OpenApiSchema)scalar.CreateShallowCopy();
                        inline.Description = reference.Description ?? scalar.Description;
                        holder.Properties![property] = inline;
                    }
                }
            }

            schemas.Remove(name);
        }
    }
}
