namespace Portal.Data.Integrations;

/// <summary>
/// One attribute of a request as the caller sent it: absent, null, a string, or some other JSON type.
/// Adapters only translate what they received into this; every rule about it lives in <see cref="IntegrationRules"/>.
/// </summary>
public readonly record struct Field
{
    private Field(FieldState state, string? value, string? sentType)
    {
        State = state;
        Value = value;
        SentType = sentType;
    }

    public FieldState State { get; }

    /// <summary>The string sent, when <see cref="State"/> is <see cref="FieldState.Value"/>.</summary>
    public string? Value { get; }

    /// <summary>The JSON type sent (number, boolean, array, object) when it was not a string.</summary>
    public string? SentType { get; }

    public static Field Absent => default;

    public static Field Null => new(FieldState.Null, null, null);

    public static Field Of(string value) => new(FieldState.Value, value, null);

    public static Field OfOtherType(string jsonType) => new(FieldState.WrongType, null, jsonType);

    /// <summary>A form field: what the user typed (an empty box is an empty string).</summary>
    public static Field FromForm(string? value) => Of(value ?? "");
}

public enum FieldState
{
    Absent,
    Null,
    Value,
    WrongType,
}

/// <summary>What a create or a PATCH asks for, attribute by attribute.</summary>
public sealed record IntegrationInput(Field Name, Field Url, Field Description)
{
    /// <summary>Attributes the caller sent that the resource does not have (a typo such as "nmae").</summary>
    public IReadOnlyList<string> UnknownAttributes { get; init; } = [];

    /// <summary>The attributes of the integration object that a request may send and that are ignored.</summary>
    public static IReadOnlySet<string> ReadOnlyAttributes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "cloud_id", "created_at", "updated_at" };

    public static IReadOnlySet<string> WritableAttributes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "name", "url", "description" };

    public static IntegrationInput FromForm(string? name, string? url, string? description) =>
        new(Field.FromForm(name), Field.FromForm(url), Field.FromForm(description));
}
