using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;
using Portal.Data.Integrations;

namespace Portal.Api;

/// <summary>
/// A JSON object body as received, every string in it already decoded and checked (see <see cref="BodyReader"/>).
/// It knows no resource: <see cref="Fields"/> says what was sent, attribute by attribute, and judging the values is
/// the service's job.
/// </summary>
internal sealed record JsonBody(JsonElement Object)
{
    /// <summary>The top-level attributes as sent, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, Field>> Fields { get; } =
        Object.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ToField(p.Value))).ToList();

    /// <summary>
    /// The fields a resource accepts, keyed by attribute, and the names of those it does not have (read-only
    /// attributes are ignored, neither accepted nor unknown).
    /// </summary>
    public (IReadOnlyDictionary<string, Field> Accepted, IReadOnlyList<string> Unknown) Select(
        IReadOnlySet<string> writable, IReadOnlySet<string> readOnly)
    {
        var accepted = new Dictionary<string, Field>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (name, field) in Fields)
        {
            if (writable.Contains(name))
            {
                accepted[name] = field;
            }
            else if (!readOnly.Contains(name))
            {
                unknown.Add(name);
            }
        }

        return (accepted, unknown);
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
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                writer.WriteNumberValue(number); // beyond decimal's range a number is compared as written (default)
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

    private static readonly string[] AcceptedMediaTypes = ["application/json", "application/vnd.gestal+json"];

    public static async Task<JsonBody> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiProblemException(ProblemKind.PayloadTooLarge, ApiMessages.TooLarge);
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

        if (!Utf8.IsValid(bytes.Span))
        {
            // Overlong forms, encoded surrogates, truncated and stray bytes: nothing of such a body is stored.
            throw new ApiProblemException(ProblemKind.MalformedRequest, "The request body is not valid UTF-8.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest, ApiMessages.NotJson);
        }
        catch (InvalidOperationException)
        {
            throw NotUnicode("An attribute name"); // the check for duplicate names decodes every name, at every depth
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ProblemKind.MalformedRequest, "The request body must be a JSON object.");
        }

        foreach (var property in root.EnumerateObject())
        {
            CheckStrings(property.Value, property.Name);
        }

        return new JsonBody(root);
    }

    /// <summary>
    /// Decodes every string value once, so that nothing later meets text it cannot decode: an escape such as \uD800
    /// is valid JSON but no Unicode character (a lone surrogate) and cannot be stored. Attribute names, at every depth,
    /// were decoded by the parse's check for duplicate names (see above), so a value is all that is left to check.
    /// </summary>
    private static void CheckStrings(JsonElement element, string attribute)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CheckStrings(property.Value, attribute);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item, attribute);
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw NotUnicode($"The value of \"{attribute}\"");
                }

                break;
        }
    }

    private static ApiProblemException NotUnicode(string what) =>
        new(ProblemKind.MalformedRequest,
            $"{what} contains an escape that is not a Unicode character (a lone surrogate such as \\uD800).");

    private static ApiProblemException UnsupportedMediaType() =>
        new(ProblemKind.UnsupportedMediaType, ApiMessages.UnsupportedMediaType);

    public static bool IsAcceptedMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && AcceptedMediaTypes.Any(t => parsed.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase))
        && (!parsed.Charset.HasValue
            || HeaderUtilities.RemoveQuotes(parsed.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<ReadOnlyMemory<byte>> ReadUpToLimitAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ApiProblemException(ProblemKind.PayloadTooLarge, ApiMessages.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
