using Portal.Data;

namespace Portal.Hosting;

internal static class DataSetup
{
    /// <summary>SQLite from ConnectionStrings:Portal (env: ConnectionStrings__Portal), relative to the content root.</summary>
    public static void AddPortalData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Portal")
            ?? throw new InvalidOperationException("ConnectionStrings:Portal is not set.");
        builder.Services.AddPortalData(connectionString, builder.Environment.ContentRootPath);
    }
}
