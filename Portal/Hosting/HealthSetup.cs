using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>
/// /healthz: liveness, the process answers (no database; restarting a node does not bring a database back).
/// /readyz: readiness, the database answers and its migrations are applied; a load balancer sends no request to a
/// node that is not ready. Both are anonymous and outside the anonymous rate limit: a load balancer probes from one
/// address every few seconds, and a probe refused with 429 would take a healthy node out of service. Neither can load
/// the database: /healthz touches nothing and /readyz's answer is kept for a second.
/// </summary>
internal static class HealthSetup
{
    private const string Ready = "ready";

    public static void AddPortalHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddPortalDatabaseCheck(Ready);

    public static void MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) })
            .AllowAnonymous().DisableRateLimiting();
    }
}
