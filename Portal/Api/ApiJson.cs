using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Api;

/// <summary>The API's JSON settings: snake_case names, nulls written (the seed shows description: null).</summary>
internal static class ApiJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers (also in the OpenAPI schemas)
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // JSON, never embedded in HTML: keep "<" and "é" readable
        return options;
    }
}

/// <summary>Timestamps as the seed writes them: UTC, milliseconds, "Z" (2001-01-01T01:01:01.000Z).</summary>
internal sealed class UtcMillisecondsConverter : JsonConverter<DateTime>
{
    public const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire(value));

    // SQLite hands timestamps back without a kind; the service stores UTC only.
    public static string ToWire(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>A page number, or false when there is none (Gestal's next_page/previous_page).</summary>
[JsonConverter(typeof(PageNumberOrFalseConverter))]
internal readonly record struct PageNumberOrFalse(int? Number)
{
    public static implicit operator PageNumberOrFalse(int? number) => new(number);
}

internal sealed class PageNumberOrFalseConverter : JsonConverter<PageNumberOrFalse>
{
    public override PageNumberOrFalse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new(reader.GetInt32()) : new(null);

    public override void Write(Utf8JsonWriter writer, PageNumberOrFalse value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteBooleanValue(false);
        }
    }
}
