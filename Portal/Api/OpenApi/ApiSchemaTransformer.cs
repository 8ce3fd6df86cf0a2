using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api.OpenApi;

/// <summary>
/// What the generator cannot see in the wire records: timestamps written by our converters, page numbers or false,
/// allowed values, formats, and closed objects (no attribute but those listed, as the service enforces).
/// </summary>
internal static class ApiSchemaTransformer
{
    /// <summary>Timestamps as the API writes them (UtcMillisecondsConverter): UTC, milliseconds, Z.</summary>
    public const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(PageNumberOrFalse))
        {
            // A whole number of at least 1, or false, said without "type" (if/then/else): client generators read a schema
            // of two types, or a oneOf/anyOf/not of them, as the first type or as a class, and neither holds both.
            schema.Type = null;
            schema.Format = null;
            schema.If = new OpenApiSchema { Type = JsonSchemaType.Boolean };
            schema.Then = new OpenApiSchema { Enum = [JsonValue.Create(false)] };
            schema.Else = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" };
            schema.Description = "A page number, or false when there is none.";
        }

        if (context.JsonPropertyInfo is { } property)
        {
            DescribeProperty(schema, property);
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && type.Namespace == typeof(ApiSchemaTransformer).Namespace![..^".OpenApi".Length])
        {
            // The API's own records: what they list is all there is (a response gains no attribute unannounced).
            schema.AdditionalPropertiesAllowed = false;
            if (type.GetCustomAttribute<RequestBodySchemaAttribute>() is { } body)
            {
                DescribeRequestBody(schema, body);
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeProperty(OpenApiSchema schema, JsonPropertyInfo property)
    {
        var attributes = property.AttributeProvider;
        var converter = attributes?.GetCustomAttributes(typeof(JsonConverterAttribute), false).OfType<JsonConverterAttribute>().FirstOrDefault()?.ConverterType;
        if (converter == typeof(UtcMillisecondsConverter) || converter == typeof(NullableUtcMillisecondsConverter))
        {
            schema.Type = converter == typeof(UtcMillisecondsConverter) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
            schema.Pattern = TimestampPattern;
        }

        if (attributes?.GetCustomAttributes(typeof(AllowedValuesAttribute), false).OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed)
        {
            schema.Enum = allowed.Values.Select(v => JsonValue.Create(v) as JsonNode).ToList()!;
        }

        if (attributes?.GetCustomAttributes(typeof(SchemaFormatAttribute), false).OfType<SchemaFormatAttribute>().FirstOrDefault() is { } format)
        {
            schema.Format = format.Format;
        }

        if (property.PropertyType == typeof(IReadOnlyDictionary<string, string?[]>))
        {
            // A version's changes: [before, after] per attribute, either of which may be null (nothing before a
            // create, a description cleared).
            schema.AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MinItems = 2,
                MaxItems = 2,
                Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            };
        }

        if (property.PropertyType == typeof(int) && schema.Format == "int32")
        {
            schema.Minimum ??= "0"; // counts and page numbers
        }

        if (property.IsRequired is false && property.DeclaringType.GetCustomAttribute<RequestBodySchemaAttribute>() is not null
            && property.PropertyType == typeof(string) && !IsNullable(property))
        {
            schema.Type = JsonSchemaType.String; // optional, but null is refused (a PATCH cannot clear name or url)
        }
    }

    private static bool IsNullable(JsonPropertyInfo property) =>
        property.AttributeProvider is ICustomAttributeProvider provider && provider is PropertyInfo info
        && new NullabilityInfoContext().Create(info).WriteState == NullabilityState.Nullable;

    private static void DescribeRequestBody(OpenApiSchema schema, RequestBodySchemaAttribute body)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var name in body.ReadOnlyAttributes)
        {
            schema.Properties[name] = new OpenApiSchema
            {
                ReadOnly = true,
                Description = "Read-only: accepted and ignored, whatever its value.",
            };
        }
    }
}
