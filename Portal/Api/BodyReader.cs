using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Portal.Data.Integrations;

namespace Portal.Api;

/// <summary>A JSON object body as received, and what it asks of an integration.</summary>
internal sealed record JsonBody(JsonElement Object)
{
    /// <summary>
    /// Translates the object into the service's input, attribute by attribute. Judging the values is the
    /// service's job (IntegrationRules); this only says what was sent.
    /// </summary>
    public IntegrationInput ToIntegrationInput()
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var property in Object.EnumerateObject())
        {
            if (IntegrationInput.WritableAttributes.Contains(property.Name))
            {
                fields[property.Name] = ToField(property.Value);
            }
            else if (!IntegrationInput.ReadOnlyAttributes.Contains(property.Name))
            {
                unknown.Add(property.Name);
            }
        }

        return new IntegrationInput(Get("name"), Get("url"), Get("description")) { UnknownAttributes = unknown };

        Field Get(string name) => fields.TryGetValue(name, out var field) ? field : Field.Absent;
    }

    /// <summary>SHA-256 of the body as canonical JSON (keys sorted, no white space): equal JSON, equal fingerprint.</summary>
    public string Fingerprint()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, Object);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static Field ToField(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Field.Of(value.GetString()!),
        JsonValueKind.Null => Field.Null,
        JsonValueKind.Number => Field.OfOtherType("number"),
        JsonValueKind.True or JsonValueKind.False => Field.OfOtherType("boolean"),
        JsonValueKind.Array => Field.OfOtherType("array"),
        _ => Field.OfOtherType("object"),
    };

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(element.GetDecimal());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

/// <summary>
/// Reads a request's JSON object body, enforcing the request-shape rules of API.md: 413 over 64 KiB, 400 for an
/// empty body, 415 for another media type, 400 for malformed JSON or a body that is not an object.
/// </summary>
internal static class BodyReader
{
    public const int MaxBytes = 64 * 1024;
    public const string TooLargeDetail = "The request body is larger than 64 KiB.";

    private static readonly string[] AcceptedMediaTypes = ["application/json", "application/vnd.gestal+json"];

    public static async Task<JsonBody> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiProblemException(ProblemKind.PayloadTooLarge, TooLargeDetail);
        }

        // A declared media type is judged before the body is read (the framework may already have consumed a form).
        if (request.ContentType is not null && !IsAcceptedMediaType(request.ContentType))
        {
            throw UnsupportedMediaType();
        }

        var bytes = await ReadUpToLimitAsync(request, ct);
        if (bytes.Length == 0)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest, "The request needs a JSON object body.");
        }

        if (!IsAcceptedMediaType(request.ContentType))
        {
            throw UnsupportedMediaType();
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest, "The request body is not valid JSON.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest, "The request body must be a JSON object.");
        }

        return new JsonBody(root);
    }

    private static ApiProblemException UnsupportedMediaType() =>
        new(ProblemKind.UnsupportedMediaType, "Send the body as application/json (or application/vnd.gestal+json).");

    public static bool IsAcceptedMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && AcceptedMediaTypes.Any(t => parsed.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase))
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<ReadOnlyMemory<byte>> ReadUpToLimitAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ApiProblemException(ProblemKind.PayloadTooLarge, TooLargeDetail);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
