using Portal.Data;
using Portal.Data.Sessions;

namespace Portal.Hosting;

internal static class DataSetup
{
    /// <summary>SQLite from ConnectionStrings:Portal (env: ConnectionStrings__Portal), relative to the content root.</summary>
    public static void AddPortalData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Portal")
            ?? throw new InvalidOperationException("ConnectionStrings:Portal is not set.");
        var sessions = builder.Configuration.GetSection(SessionLifetimeOptions.Section).Get<SessionLifetimeOptions>() ?? new SessionLifetimeOptions();
        if (sessions.AbsoluteLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SessionLifetimeOptions.Section}:AbsoluteLifetime must be positive, e.g. 7.00:00:00 for seven days.");
        }

        builder.Services.AddPortalData(connectionString, builder.Environment.ContentRootPath, sessions);
    }
}
