using System.Globalization;
using System.Text;

namespace Portal.Data.Integrations;

/// <summary>
/// The validation rules of shared/contract/API.md, the one copy of them. The API returns their messages
/// in a 422 problem; the portal's form shows the same messages under the same fields.
/// </summary>
public static class IntegrationRules
{
    public const int NameMaxLength = 80;
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 1000;

    // The character rules below as regular expressions (ECMA-262 and .NET alike) for the OpenAPI document: a control
    // character is U+0000–U+001F or U+007F–U+009F (Unicode's Cc, what HasControlCharacter refuses).
    private const string NotControl = @"[^\u0000-\u001F\u007F-\u009F]";

    /// <summary>A name: no control character, and something besides white space (it is trimmed).</summary>
    public const string NamePattern = "^" + NotControl + @"*[^\s\u0000-\u001F\u007F-\u009F]" + NotControl + "*$";

    /// <summary>A URL: http:// or https:// (any case) and no white space or control character, once trimmed.</summary>
    public const string UrlPattern = @"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001F\u007F-\u009F]+\s*$";

    /// <summary>A description: no control character but line breaks and tabs.</summary>
    public const string DescriptionPattern = @"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

    /// <summary>Length as people count it: Unicode code points, so an emoji is one character.</summary>
    public static int CountCharacters(string? text) => text is null ? 0 : text.EnumerateRunes().Count();

    /// <summary>The key under which names are unique per integrator.</summary>
    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    /// <summary>
    /// Checks every attribute of <paramref name="input"/> and returns the normalised values with every broken
    /// rule, not only the first. On create, name and url are required; on update, absent means unchanged.
    /// </summary>
    public static CheckedInput Check(IntegrationInput input, bool isCreate)
    {
        var errors = new List<ValidationError>();
        foreach (var unknown in input.UnknownAttributes)
        {
            errors.Add(new(unknown, ValidationCodes.UnknownAttribute,
                $"{unknown} is not an attribute of an integration. Allowed attributes are name, url and description."));
        }

        var name = CheckName(input.Name, isCreate, errors);
        var url = CheckUrl(input.Url, isCreate, errors);
        var description = CheckDescription(input.Description, errors);
        return new CheckedInput(name, url, description, errors);
    }

    private static Optional<string> CheckName(Field field, bool isCreate, List<ValidationError> errors)
    {
        if (!RequireString(field, "name", isCreate, errors, out var raw))
        {
            return default;
        }

        var name = raw.Trim();
        if (name.Length == 0)
        {
            errors.Add(new("name", ValidationCodes.Missing, "name is required."));
        }
        else if (CountCharacters(name) > NameMaxLength)
        {
            errors.Add(new("name", ValidationCodes.TooLong, $"name must be at most {NameMaxLength} characters."));
        }
        else if (HasControlCharacter(name, allowLineBreaks: false))
        {
            errors.Add(new("name", ValidationCodes.Invalid, "name must not contain control characters."));
        }
        else
        {
            return new(name);
        }

        return default;
    }

    private static Optional<string> CheckUrl(Field field, bool isCreate, List<ValidationError> errors)
    {
        if (!RequireString(field, "url", isCreate, errors, out var raw))
        {
            return default;
        }

        var url = raw.Trim();
        if (url.Length == 0)
        {
            errors.Add(new("url", ValidationCodes.Missing, "url is required."));
        }
        else if (CountCharacters(url) > UrlMaxLength)
        {
            errors.Add(new("url", ValidationCodes.TooLong, $"url must be at most {UrlMaxLength} characters."));
        }
        else if (HasControlCharacter(url, allowLineBreaks: false))
        {
            errors.Add(new("url", ValidationCodes.Invalid, "url must not contain control characters."));
        }
        else if (!IsWebUrl(url))
        {
            errors.Add(new("url", ValidationCodes.Invalid, "url must be an absolute http or https URL."));
        }
        else if (HasUserInfo(url))
        {
            errors.Add(new("url", ValidationCodes.Invalid,
                "url must not contain user info (a name or password before “@”, as in https://user@host): "
                + "it makes a link look like another site's. Give the site's address itself."));
        }
        else
        {
            return new(url);
        }

        return default;
    }

    private static Optional<string?> CheckDescription(Field field, List<ValidationError> errors)
    {
        switch (field.State)
        {
            case FieldState.Absent:
                return default;
            case FieldState.Null:
                return new(null);
            case FieldState.WrongType:
                errors.Add(new("description", ValidationCodes.InvalidType,
                    $"description must be a string or null, not {Article(field.SentType)}."));
                return default;
        }

        var description = field.Value!;
        if (description.Length == 0)
        {
            return new(null);
        }

        if (CountCharacters(description) > DescriptionMaxLength)
        {
            errors.Add(new("description", ValidationCodes.TooLong,
                $"description must be at most {DescriptionMaxLength} characters."));
            return default;
        }

        if (HasControlCharacter(description, allowLineBreaks: true))
        {
            errors.Add(new("description", ValidationCodes.Invalid,
                "description must not contain control characters other than line breaks and tabs."));
            return default;
        }

        return new(description);
    }

    private static bool RequireString(Field field, string attribute, bool isCreate, List<ValidationError> errors, out string value)
    {
        value = "";
        switch (field.State)
        {
            case FieldState.Absent when isCreate:
                errors.Add(new(attribute, ValidationCodes.Missing, $"{attribute} is required."));
                return false;
            case FieldState.Absent:
                return false;
            case FieldState.Null:
                errors.Add(new(attribute, isCreate ? ValidationCodes.Missing : ValidationCodes.Invalid,
                    isCreate ? $"{attribute} is required." : $"{attribute} cannot be null; it can be changed but not cleared."));
                return false;
            case FieldState.WrongType:
                errors.Add(new(attribute, ValidationCodes.InvalidType, $"{attribute} must be a string, not {Article(field.SentType)}."));
                return false;
            default:
                value = field.Value!;
                return true;
        }
    }

    public static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && !url.Any(char.IsWhiteSpace)
        && url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Anything before an "@" in the authority, even empty ("https://@host"): not only what Uri reports.</summary>
    private static bool HasUserInfo(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#', '\\'], start);
        var authority = end < 0 ? url[start..] : url[start..end];
        return authority.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>API.md: no control characters in any string attribute (line breaks and tabs only where allowed).</summary>
    public static bool HasControlCharacter(string text, bool allowLineBreaks)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (allowLineBreaks && (rune.Value == '\n' || rune.Value == '\r' || rune.Value == '\t'))
            {
                continue;
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return true;
            }
        }

        return false;
    }

    private static string Article(string? jsonType) => jsonType switch
    {
        "array" or "object" => $"an {jsonType}",
        null => "another type",
        _ => $"a {jsonType}",
    };
}

/// <summary>A value that may be absent, as distinct from a value that is null.</summary>
public readonly record struct Optional<T>(T Value)
{
    public bool HasValue { get; } = true;
}

public sealed record CheckedInput(
    Optional<string> Name,
    Optional<string> Url,
    Optional<string?> Description,
    IReadOnlyList<ValidationError> Errors);
