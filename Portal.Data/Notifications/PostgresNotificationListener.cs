using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Portal.Data.Notifications;

/// <summary>
/// The node's one LISTEN connection to PostgreSQL, dispatching each notification to the subscribers of its channel.
/// It connects on its own, in the background, and when the connection breaks (the server restarts, the network
/// drops: Npgsql's keep-alive notices within seconds) it says so through <see cref="ListeningChanged"/> and tries
/// again, sooner at first, then every few seconds, until the database is back. A process that is no node (a command
/// such as <c>tokens revoke</c>) makes it with <c>listens: false</c>: it sends, and never opens the LISTEN connection.
/// </summary>
internal sealed class PostgresNotificationListener : INodeNotifications, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    private readonly Subscriptions _subscriptions = new();
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly bool _listens;
    private CancellationTokenSource _newChannel = new();
    private Task? _loop;
    private volatile bool _listening;
    private int _disposed;

    public PostgresNotificationListener(string connectionString, ILogger<PostgresNotificationListener>? logger = null, bool listens = true)
    {
        _listens = listens;
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 2, // a query every 2 s while waiting: a dead server fails the wait instead of hanging it
            Timeout = 5,
            ApplicationName = "portal-listener",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public bool IsListening => _listening;

    /// <summary>True once the LISTEN connection has been started (never for a process that does not listen).</summary>
    internal bool OpensListeningConnection
    {
        get
        {
            lock (_lock)
            {
                return _loop is not null;
            }
        }
    }

    public event Action<bool>? ListeningChanged;

    public IDisposable Subscribe(string channel, Action<string> handler)
    {
        var (subscription, newChannel) = _subscriptions.Add(channel, handler);
        if (!_listens)
        {
            return subscription;
        }

        lock (_lock)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
            if (newChannel)
            {
                _newChannel.Cancel(); // the connection LISTENs to it before waiting again
            }
        }

        return subscription;
    }

    public async Task PublishAsync(string channel, string payload, CancellationToken ct = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop);
                connection.Notification += (_, e) => _subscriptions.Dispatch(e.Channel, e.Payload);
                var listened = new HashSet<string>(StringComparer.Ordinal);
                while (!stop.IsCancellationRequested)
                {
                    CancellationToken newChannel;
                    lock (_lock)
                    {
                        if (_newChannel.IsCancellationRequested)
                        {
                            _newChannel.Dispose();
                            _newChannel = new CancellationTokenSource();
                        }

                        newChannel = _newChannel.Token;
                    }

                    foreach (var channel in _subscriptions.Channels.Where(listened.Add).ToList())
                    {
                        await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection); // checked: [a-z0-9_]
                        await listen.ExecuteNonQueryAsync(stop);
                    }

                    if (!_listening)
                    {
                        failures = 0;
                        SetListening(true);
                        _logger.LogInformation("Listening for changes made by other nodes.");
                    }

                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, newChannel);
                    try
                    {
                        while (true)
                        {
                            await connection.WaitAsync(wait.Token);
                        }
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        // a channel was added: LISTEN to it, then wait again
                    }
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                if (_listening)
                {
                    SetListening(false);
                    _logger.LogWarning(ex, "Lost the database's notifications; reading without caches until they are back.");
                }

                try
                {
                    await Task.Delay(Backoff[Math.Min(failures++, Backoff.Length - 1)], stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void SetListening(bool listening)
    {
        _listening = listening;
        ListeningChanged?.Invoke(listening);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // registered under two service types, so disposed twice
        }

        await _stop.CancelAsync();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _listening = false;
        _stop.Dispose();
        _newChannel.Dispose();
        await _dataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
