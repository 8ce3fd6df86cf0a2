using Microsoft.Data.Sqlite;

namespace Portal.Data.Caching;

/// <summary>
/// Tells whether anything in the database may have changed since a value was read: SQLite's <c>PRAGMA data_version</c>
/// on one dedicated connection, which changes whenever any other connection commits (this process's pool, the
/// <c>tokens</c> command, another process on the same file). A cached value is only ever served while the version it
/// was read under is still the current one, so a revoked token, a deleted key or any other change is seen by the very
/// next request, whoever made it. Reading the version costs a few microseconds and no query.
/// </summary>
internal sealed class DataVersion : IDataVersion, IDisposable
{
    private readonly Lock _lock = new();
    private readonly SqliteConnection? _connection;
    private readonly SqliteCommand? _command;
    private long _uncached;

    public DataVersion(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "")
        {
            return; // every connection of an in-memory database is its own database: nothing is cached
        }

        builder.Pooling = false;
        _connection = new SqliteConnection(builder.ToString());
        _command = _connection.CreateCommand();
        _command.CommandText = "PRAGMA data_version;";
    }

    /// <summary>The current version; values read under an older one are stale. Never the same twice without a file.</summary>
    public long Current()
    {
        if (_command is null)
        {
            return Interlocked.Increment(ref _uncached);
        }

        lock (_lock)
        {
            if (_connection!.State != System.Data.ConnectionState.Open)
            {
                _connection.Open(); // after the database is migrated (and its file exists)
            }

            return (long)_command.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        _command?.Dispose();
        _connection?.Dispose();
    }
}
