namespace Portal.Data;

/// <summary>A failure the caller can act on. The API maps each kind to one status code in one place.</summary>
public abstract class PortalException(string message) : Exception(message);

/// <summary>One broken rule: which attribute, a stable code, and a sentence for people.</summary>
public sealed record ValidationError(string Attribute, string Code, string Message);

public static class ValidationCodes
{
    public const string Missing = "missing";
    public const string Invalid = "invalid";
    public const string TooLong = "too_long";
    public const string Taken = "taken";
    public const string InvalidType = "invalid_type";
    public const string UnknownAttribute = "unknown_attribute";
}

public sealed class ValidationFailedException(IReadOnlyList<ValidationError> errors)
    : PortalException(errors.Count == 1 ? "1 attribute is invalid." : $"{errors.Count} attributes are invalid.")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public IEnumerable<string> MessagesFor(string attribute) =>
        Errors.Where(e => e.Attribute == attribute).Select(e => e.Message);
}

public sealed class NotFoundException(string what)
    : PortalException($"No {what} was found with that id.");

public sealed class ForbiddenException(string message) : PortalException(message);

/// <summary>The object changed since the caller read it (If-Match or the edit form's version).</summary>
public sealed class PreconditionFailedException()
    : PortalException("The integration was changed since you last read it. Reload it and apply your change again.");

public sealed class ConflictException(string message) : PortalException(message);
