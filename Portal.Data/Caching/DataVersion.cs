using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Portal.Data.Caching;

/// <summary>
/// Tells whether anything in the database may have changed since a value was read. SQLite's <c>PRAGMA data_version</c>
/// changes on a connection whenever any other connection commits (this process's pool, the <c>tokens</c> command,
/// another process on the same file). A cached value is only ever served while the version it was read under is still
/// the current one, so a revoked token, a deleted key or any other change is seen by the very next request, whoever
/// made it. Reading the version costs a few microseconds and no query.
/// </summary>
/// <remarks>
/// Requests read the version in parallel, so it is read on a small pool of dedicated read-only connections (one per
/// concurrent caller, never writing) rather than one connection behind a lock: under load that lock was half of a
/// cached request's time. Each connection's <c>data_version</c> is its own counter and cannot be compared with another
/// connection's, so none is handed out: each connection remembers the value it last read, and when it reads another it
/// advances one process-wide version. A connection goes back to the pool only after it has advanced that version for
/// every change it saw, so any read that starts after a commit returns a version that was advanced after the commit.
/// </remarks>
internal sealed class DataVersion : IDataVersion, IDisposable
{
    private readonly string? _connectionString;
    private readonly ConcurrentBag<Reader> _idle = [];
    private readonly ConcurrentBag<Reader> _all = [];
    private long _version;
    private long _ownWrites;
    private LatestRead? _latest;

    public DataVersion(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "")
        {
            return; // every connection of an in-memory database is its own database: nothing is cached
        }

        builder.Pooling = false;
        _connectionString = builder.ToString();
    }

    /// <summary>
    /// The current version; values read under an older one are stale. Never the same twice without a file. Within a
    /// <see cref="DataVersionPin"/>, the version the pin's first call read, until this process writes.
    /// </summary>
    public long Current()
    {
        if (_connectionString is not { } connectionString)
        {
            return Interlocked.Increment(ref _version);
        }

        if (DataVersionPin.Current is not { } pin)
        {
            return Read(connectionString);
        }

        // The count of own writes before the version: a write between the two makes the next call read again.
        var writes = Volatile.Read(ref _ownWrites);
        if (pin.TryGet(this, writes, out var pinned))
        {
            return pinned;
        }

        // A request's first read may take a version that another caller began to read after the request began: that
        // read saw every commit made before this request, which is all the request must see. Under load most requests
        // find one, and only the rest read the PRAGMA themselves. A read again after an own write is always its own.
        var version = !pin.HasOwner && Volatile.Read(ref _latest) is { } latest && latest.StartedAt > pin.StartedAt
            ? latest.Version
            : Read(connectionString);
        pin.Set(this, writes, version);
        return version;
    }

    /// <summary>The last version read, and when its read began (<see cref="Stopwatch"/> ticks).</summary>
    private sealed record LatestRead(long StartedAt, long Version);

    /// <summary>This process wrote (a statement ran, a transaction committed): every pin reads the version again.</summary>
    internal void Wrote() => Interlocked.Increment(ref _ownWrites);

    private long Read(string connectionString)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var version = ReadNow(connectionString);
        var read = new LatestRead(startedAt, version);
        var latest = Volatile.Read(ref _latest);
        while ((latest is null || latest.StartedAt < startedAt) && Interlocked.CompareExchange(ref _latest, read, latest) is var seen && seen != latest)
        {
            latest = seen;
        }

        return version;
    }

    private long ReadNow(string connectionString)
    {
        if (!_idle.TryTake(out var reader))
        {
            reader = new Reader(connectionString);
            _all.Add(reader);
        }

        try
        {
            if (reader.ReadChanged())
            {
                Interlocked.Increment(ref _version);
            }

            return Volatile.Read(ref _version);
        }
        finally
        {
            _idle.Add(reader);
        }
    }

    /// <summary>
    /// Opens readers until <paramref name="count"/> exist, all read at once, so that up to that many concurrent
    /// callers find an idle one that has read before (a new reader's first read is always counted as a change).
    /// </summary>
    internal void Open(int count)
    {
        if (_connectionString is null)
        {
            return;
        }

        var taken = new List<Reader>(count);
        try
        {
            while (taken.Count < count)
            {
                if (!_idle.TryTake(out var reader))
                {
                    reader = new Reader(_connectionString);
                    _all.Add(reader);
                }

                taken.Add(reader);
                if (reader.ReadChanged())
                {
                    Interlocked.Increment(ref _version);
                }
            }
        }
        finally
        {
            foreach (var reader in taken)
            {
                _idle.Add(reader);
            }
        }
    }

    public void Dispose()
    {
        foreach (var reader in _all)
        {
            reader.Dispose();
        }
    }

    /// <summary>
    /// One dedicated connection and the <c>data_version</c> it read last (none yet: a change). The statement is prepared
    /// once and stepped through SQLite's own API: through <see cref="SqliteCommand.ExecuteScalar"/> (a data reader made
    /// and disposed per read, its statement list, its busy loop) the read cost more than twice what SQLite spends on it,
    /// and it was the largest single cost of a cached request.
    /// </summary>
    private sealed class Reader(string connectionString) : IDisposable
    {
        private readonly SqliteConnection _connection = new(connectionString);
        private sqlite3_stmt? _statement;
        private long? _last;

        /// <summary>Reads the connection's version; true when it differs from the last one (or is the first).</summary>
        public bool ReadChanged()
        {
            if (_statement is null)
            {
                _connection.Open(); // after the database is migrated (and its file exists)
                var db = _connection.Handle!;
                // SQLite itself waits out a busy database (as long as a command would), instead of Microsoft.Data.Sqlite's loop.
                SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(db, _connection.DefaultTimeout * 1000), db);
                SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, "PRAGMA data_version;", out var statement), db);
                _statement = statement;
            }

            long current;
            try
            {
                var rc = raw.sqlite3_step(_statement);
                if (rc != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                    throw new InvalidOperationException($"PRAGMA data_version answered no row (SQLite code {rc}).");
                }

                current = raw.sqlite3_column_int64(_statement, 0);
            }
            finally
            {
                raw.sqlite3_reset(_statement); // ends the statement's read transaction
            }

            var changed = current != _last;
            _last = current;
            return changed;
        }

        public void Dispose()
        {
            _statement?.Dispose();
            _connection.Dispose();
        }
    }
}
