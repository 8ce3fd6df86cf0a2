using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data.Notifications;

namespace Portal.Data.Database;

/// <summary>
/// Ready when the database answers and every migration of this build is applied. Degraded (still ready) while the
/// notifications between nodes are lost: the node serves correctly, only without its caches. The answer is kept for
/// one second, so that probes, however many, cost the database at most one small query a second.
/// </summary>
internal sealed class PortalDatabaseReadiness(PortalDatabase database, INodeNotifications notifications, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < Kept && time.GetUtcNow() >= last.At)
            {
                return last.Result;
            }

            var result = await CheckNowAsync(cancellationToken);
            _last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<HealthCheckResult> CheckNowAsync(CancellationToken ct)
    {
        try
        {
            var pending = await database.PendingMigrationsAsync(ct);
            if (pending.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) of this build are not applied yet.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }

        return notifications.IsListening
            ? HealthCheckResult.Healthy("The database answers and every migration is applied.")
            : HealthCheckResult.Degraded("The database answers; notifications from other nodes are lost for now, so reads skip the caches.");
    }
}
