using Portal.Data;
using Portal.Data.Sessions;

namespace Portal.Hosting;

internal static class DataSetup
{
    /// <summary>
    /// The database of Database:Provider (sqlite, the default, or postgres) at ConnectionStrings:Portal (env:
    /// Database__Provider, ConnectionStrings__Portal); a relative SQLite path is taken from the content root.
    /// </summary>
    /// <param name="isNode">False for a command: it runs on no node and listens to none.</param>
    public static void AddPortalData(this WebApplicationBuilder builder, bool isNode = true)
    {
        var sessions = builder.Configuration.GetSection(SessionLifetimeOptions.Section).Get<SessionLifetimeOptions>() ?? new SessionLifetimeOptions();
        if (sessions.AbsoluteLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SessionLifetimeOptions.Section}:AbsoluteLifetime must be positive, e.g. 7.00:00:00 for seven days.");
        }

        builder.Services.AddPortalData(builder.Configuration, builder.Environment.ContentRootPath, sessions, listens: isNode);
    }
}
