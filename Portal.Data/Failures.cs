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

/// <summary>Recognises a database that cannot be reached, whichever the provider: what deserves "try again shortly".</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the database is unavailable: no connection, a
    /// connection lost or refused, a server shutting down or not accepting connections, a file locked past the timeout.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException postgres when
                    postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin/crash shutdown, cannot connect now
                    || postgres.SqlState is "53300" or "55000": // too many connections; database not accepting connections
                case Npgsql.NpgsqlException { InnerException: System.IO.IOException or System.Net.Sockets.SocketException or TimeoutException }:
                case Npgsql.NpgsqlException npgsql when npgsql is not Npgsql.PostgresException && npgsql.IsTransient:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 14 }: // busy, locked, cannot open
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return IsUnavailable(aggregate.InnerExceptions[0]);
            }
        }

        return false;
    }
}
