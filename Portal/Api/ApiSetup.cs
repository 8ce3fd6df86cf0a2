namespace Portal.Api;

/// <summary>The REST API under /api: controllers, problem details, tokens, rate limits, OpenAPI.</summary>
internal static class ApiSetup
{
    public static void AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllers();
        builder.Services.AddRateLimiter(_ => { });
    }

    /// <summary>Gives every response a Request-Id header (and the log scope the same id).</summary>
    public static void UsePortalRequestIds(this WebApplication app)
    {
    }

    /// <summary>Failures become RFC 9457 problems under /api and the error page elsewhere.</summary>
    public static void UsePortalErrorHandling(this WebApplication app)
    {
    }

    public static void MapPortalApi(this WebApplication app)
    {
        app.MapControllers();
    }
}
