using System.Globalization;
using Portal.Data;
using Portal.Data.Tokens;
using Portal.Hosting;

namespace Portal.Api;

/// <summary>
/// "tokens create|list|revoke": API tokens for scripts and operators without a browser. Uses the app's own
/// configuration (appsettings, environment, "--Section:Key=value" arguments) and migrates the database first.
/// Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
internal static class TokensCommand
{
    private const string Usage = """
        Usage:
          tokens create --user <user-id> [--name <label>] [--expires-in-days <n>] [--role integrator|tenant]
              Prints the new token (and nothing else) on standard output. It is shown only this once.
          tokens list --user <user-id>
          tokens revoke <token-id-or-prefix>
        Configuration arguments such as --ConnectionStrings:Portal=<connection string> may follow.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var command, out var problem))
        {
            await error.WriteLineAsync($"tokens: {problem}{Environment.NewLine}{Environment.NewLine}{Usage}");
            return 2;
        }

        if (command.Verb == "help")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        try
        {
            await using var app = BuildApp(command.ConfigurationArgs);
            await app.Services.GetRequiredService<PortalDatabase>().MigrateAsync();
            var tokens = app.Services.GetRequiredService<ApiTokenService>();
            switch (command.Verb)
            {
                case "create":
                    var created = await tokens.CreateAsync(command.User!, command.Role, command.Name, command.ExpiresInDays);
                    await output.WriteLineAsync(created.Secret);
                    break;
                case "list":
                    await WriteTableAsync(output, await tokens.ListAsync(command.User!));
                    break;
                default:
                    var revoked = await tokens.RevokeAsync(userId: null, command.Target!);
                    await output.WriteLineAsync($"Revoked {revoked.Id} ({revoked.Prefix}…).");
                    break;
            }

            return 0;
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors)
            {
                await error.WriteLineAsync($"tokens: {e.Message}");
            }

            return 2;
        }
        catch (PortalException ex)
        {
            await error.WriteLineAsync($"tokens: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"tokens: {ex.Message}");
            return 1;
        }
    }

    private static WebApplication BuildApp(string[] configurationArgs)
    {
        var builder = WebApplication.CreateBuilder(configurationArgs);
        builder.Logging.ClearProviders(); // standard output carries the token only
        builder.AddPortalData();
        return builder.Build();
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<ApiTokenInfo> tokens)
    {
        string[] header = ["ID", "NAME", "PREFIX", "ROLE", "CREATED", "LAST USED", "EXPIRES", "STATUS"];
        var rows = tokens.Select(t => new[]
        {
            t.Id, t.Name ?? "-", t.Prefix + "…", t.Role.ToString().ToLowerInvariant(), Time(t.CreatedAt),
            Time(t.LastUsedAt) , Time(t.ExpiresAt), t.Status.ToString().ToLowerInvariant(),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        if (tokens.Count == 0)
        {
            await output.WriteLineAsync("(no tokens)");
        }
    }

    private static string Time(DateTime? value) =>
        value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "-";

    private sealed record Command(string Verb, string[] ConfigurationArgs)
    {
        public string? User { get; set; }
        public string? Name { get; set; }
        public int? ExpiresInDays { get; set; }
        public ActorRole Role { get; set; } = ActorRole.Integrator;
        public string? Target { get; set; }
    }

    private static bool TryParse(string[] args, out Command command, out string problem)
    {
        command = new Command("help", []);
        problem = "";
        var rest = args.Skip(1).ToList(); // args[0] is "tokens"
        if (rest.Count == 0 || rest[0] is "help" or "--help" or "-h")
        {
            return true;
        }

        var verb = rest[0];
        if (verb is not ("create" or "list" or "revoke"))
        {
            problem = $"unknown command '{verb}'.";
            return false;
        }

        var configuration = new List<string>();
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < rest.Count; i++)
        {
            var arg = rest[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(arg); // --ConnectionStrings:Portal=... goes to the host's configuration
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < rest.Count)
                {
                    configuration.Add(rest[++i]);
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var (name, value) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                    ? (arg[2..eq], arg[(eq + 1)..])
                    : (arg[2..], i + 1 < rest.Count ? rest[++i] : null);
                if (name is not ("user" or "name" or "expires-in-days" or "role") || (verb != "create" && name != "user") || (verb == "revoke"))
                {
                    problem = $"unknown option --{name} for 'tokens {verb}'.";
                    return false;
                }

                if (value is null)
                {
                    problem = $"--{name} needs a value.";
                    return false;
                }

                options[name] = value;
            }
            else
            {
                positional.Add(arg);
            }
        }

        command = new Command(verb, configuration.ToArray());
        if (verb == "revoke")
        {
            if (positional.Count != 1)
            {
                problem = "tokens revoke takes exactly one token id (tok_…) or prefix.";
                return false;
            }

            command.Target = positional[0];
            return true;
        }

        if (positional.Count > 0)
        {
            problem = $"unexpected argument '{positional[0]}'.";
            return false;
        }

        if (!options.TryGetValue("user", out var user) || string.IsNullOrWhiteSpace(user))
        {
            problem = "--user <user-id> is required.";
            return false;
        }

        command.User = user;
        command.Name = options.GetValueOrDefault("name");
        if (options.TryGetValue("expires-in-days", out var days))
        {
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                problem = "--expires-in-days must be a whole number of at least 1.";
                return false;
            }

            command.ExpiresInDays = n;
        }

        if (options.TryGetValue("role", out var role))
        {
            if (role is not (PortalRoles.Integrator or PortalRoles.Tenant))
            {
                problem = "--role must be integrator or tenant.";
                return false;
            }

            command.Role = role == PortalRoles.Tenant ? ActorRole.Tenant : ActorRole.Integrator;
        }

        return true;
    }

    private static class PortalRoles
    {
        public const string Integrator = Auth.PortalClaims.IntegratorRole;
        public const string Tenant = Auth.PortalClaims.TenantRole;
    }
}
