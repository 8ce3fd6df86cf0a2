using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portal.Hosting;

/// <summary>
/// Kestrel refuses oversized requests before the portal reads them: a request line over 8 KiB is 414, headers over
/// 32 KiB in all or more than 64 of them are 431. Change them with Kestrel:Limits:* (e.g.
/// --Kestrel:Limits:MaxRequestHeaderCount=100).
/// </summary>
internal static class RequestLimits
{
    public static void AddPortalRequestLimits(this WebApplicationBuilder builder) =>
        builder.Services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestLineSize = 8 * 1024;
            options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            options.Limits.MaxRequestHeaderCount = 64;
            builder.Configuration.GetSection("Kestrel:Limits").Bind(options.Limits);
        });
}
