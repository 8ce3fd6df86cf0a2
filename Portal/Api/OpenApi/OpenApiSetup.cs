using Microsoft.AspNetCore.Mvc;

namespace Portal.Api.OpenApi;

/// <summary>
/// An error response of an action, described in the OpenAPI document as a problem details body: a validation problem
/// (with errors) for 422, a plain problem for every other status.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode)
    : ProducesResponseTypeAttribute(
        statusCode == StatusCodes.Status422UnprocessableEntity ? typeof(ValidationProblem) : typeof(Problem),
        statusCode,
        "application/problem+json");

/// <summary>
/// The action reads a JSON object body (see <see cref="BodyReader"/>) whose attributes <see cref="Schema"/> describes
/// (a record marked <see cref="RequestBodySchemaAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiRequestBodyAttribute(Type schema) : Attribute
{
    public Type Schema { get; } = schema;

    public bool Required { get; init; } = true;
}

/// <summary>
/// A record that describes a request body: the body may have its properties and nothing else, except the read-only
/// attributes of <paramref name="readOnlyOf"/> (a type with a static <c>ReadOnlyAttributes</c> set), which the
/// service ignores.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RequestBodySchemaAttribute(Type? readOnlyOf = null) : Attribute
{
    public IReadOnlyCollection<string> ReadOnlyAttributes { get; } =
        readOnlyOf?.GetProperty("ReadOnlyAttributes")?.GetValue(null) as IReadOnlyCollection<string> ?? [];
}

/// <summary>A string property's JSON Schema format (e.g. "uuid") where its .NET type does not say it.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SchemaFormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}

/// <summary>A list whose per_page default is not <see cref="Portal.Data.Paging.PageRequest.DefaultPerPage"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PageDefaultsAttribute(int perPage) : Attribute
{
    public int PerPage { get; } = perPage;
}

/// <summary>The OpenAPI document at /openapi/v1.json, made to match what the API does (see the transformers).</summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    public const string BasicScheme = "basic";

    public static void AddPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddSchemaTransformer(ApiSchemaTransformer.TransformAsync);
            options.AddOperationTransformer(ApiOperationTransformer.TransformAsync);
            options.AddDocumentTransformer(ApiDocumentTransformer.TransformAsync);
        });
}
