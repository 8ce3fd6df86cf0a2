using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>Where the portal stands on the network: origins, proxies, HSTS, and the key ring that seals its cookies.</summary>
internal static class HostingSetup
{
    public const string ProxiesKey = "Portal:Proxies";
    public const string KeysFolderKey = "DataProtection:KeysFolder";

    /// <summary>Data protection's application name: keys of another application (or portal) never open our cookies.</summary>
    public const string ApplicationName = "Gestal.DeveloperPortal";

    public static void AddPortalHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(PortalOrigins.From(builder.Configuration));

        var proxies = ConfiguredProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in Portal:Proxies, not the framework's default of any loopback address.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false; // sibling subdomains are not the portal's to decide
        });

        var protection = builder.Services.AddDataProtection()
            .SetApplicationName($"{ApplicationName}/{builder.Environment.EnvironmentName}");
        if (KeysFolder(builder.Configuration, builder.Environment) is { } keys)
        {
            Directory.CreateDirectory(keys);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        else
        {
            protection.PersistKeysToPortalDatabase();
        }
    }

    /// <summary>Forwarded headers (only from Portal:Proxies) first; HSTS outside Development.</summary>
    public static void UsePortalHosting(this WebApplication app)
    {
        if (ConfiguredProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    /// <summary>
    /// DataProtection:KeysFolder when set; else null: the key ring lives in the portal's database, beside its data,
    /// shared by every node. Each environment has its own application name, so a Development cookie opens nothing in
    /// Production even on one database.
    /// </summary>
    public static string? KeysFolder(IConfiguration configuration, IHostEnvironment environment) =>
        configuration[KeysFolderKey] is { Length: > 0 } configured ? Path.GetFullPath(configured, environment.ContentRootPath) : null;

    private static List<IPAddress> ConfiguredProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(ProxiesKey);
        var values = section.Value is { } single
            ? single.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        return values.Select(v => IPAddress.TryParse(v, out var ip) ? ip
            : throw new InvalidOperationException($"{ProxiesKey} holds \"{v}\", which is not an IP address.")).ToList();
    }
}
