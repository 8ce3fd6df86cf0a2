using Portal.Data.Integrations;

namespace Portal.Data.Sites;

/// <summary>The rules of a farm site's name (INSTALLATIONS.md), the one copy of them for the pages and the service.</summary>
public static class SiteRules
{
    public const int NameMaxLength = 80;

    /// <summary>The character rule of <see cref="CheckName"/> as a regular expression (that of integration names).</summary>
    public const string NamePattern = IntegrationRules.NamePattern;

    /// <summary>The key under which names are unique per tenant (trimmed, case-insensitive, invariant culture).</summary>
    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    /// <summary>The trimmed name, or every rule it breaks (attribute "name").</summary>
    public static (string? Name, IReadOnlyList<ValidationError> Errors) CheckName(string? raw)
    {
        var name = raw?.Trim() ?? "";
        ValidationError? error =
            name.Length == 0 ? new("name", ValidationCodes.Missing, "name is required.")
            : IntegrationRules.CountCharacters(name) > NameMaxLength
                ? new("name", ValidationCodes.TooLong, $"name must be at most {NameMaxLength} characters.")
            : IntegrationRules.HasControlCharacter(name, allowLineBreaks: false)
                ? new("name", ValidationCodes.Invalid, "name must not contain control characters.")
            : null;
        return error is null ? (name, []) : (null, [error]);
    }

    internal static ValidationError NameTaken() =>
        new("name", ValidationCodes.Taken, "name is already used by another of your farm sites.");
}
