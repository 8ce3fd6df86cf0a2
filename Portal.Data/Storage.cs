using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portal.Data;

/// <summary>Small pieces every service needs from the database and the clock, kept in one place.</summary>
internal static class Storage
{
    /// <summary>Now, truncated to the millisecond: the wire shows milliseconds, so stored times must not hold more.</summary>
    public static DateTime UtcNowMilliseconds(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>
    /// True when a save failed on a unique index that covers <paramref name="column"/>: a race the index settled.
    /// SQLite names the columns in its message; PostgreSQL names the index, and EF Core's index names list the columns.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException ex, string column) =>
        ex is not DbUpdateConcurrencyException && ex.InnerException switch
        {
            SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal)
                && sqlite.Message.Contains(column, StringComparison.Ordinal),
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres =>
                postgres.ConstraintName?.Contains(column, StringComparison.Ordinal) == true,
            _ => false,
        };

    /// <summary>True when a save failed because what it points at was removed meanwhile (e.g. a site removed during an install).</summary>
    public static bool IsForeignKeyViolation(DbUpdateException ex) =>
        ex is not DbUpdateConcurrencyException && ex.InnerException switch
        {
            SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("FOREIGN KEY", StringComparison.Ordinal),
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => true,
            _ => false,
        };

    /// <summary>Escapes LIKE's wildcards so that a search for "50%" or "a_b" finds those characters.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The LIKE pattern of a search for <paramref name="normalized"/> anywhere in a value (escape character "\").</summary>
    public static string ContainsPattern(string normalized) => "%" + EscapeLike(normalized) + "%";
}
