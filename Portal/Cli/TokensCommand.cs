using System.CommandLine;
using System.Globalization;
using Portal.Auth;
using Portal.Data;
using Portal.Data.Tokens;

namespace Portal.Cli;

/// <summary>"tokens create|list|revoke": API tokens for scripts and operators without a browser.</summary>
internal static class TokensCommand
{
    public static Command Create(CommandContext context)
    {
        var user = new Option<string>("--user") { Description = "The user id (the OIDC subject) the token acts for.", Required = true, HelpName = "user-id" };
        var name = new Option<string?>("--name") { Description = "A label to recognise the token by.", HelpName = "label" };
        var days = new Option<int?>("--expires-in-days")
        {
            Description = "Days until the token expires (default: never).",
            HelpName = "n",
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens.Single().Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                result.AddError("--expires-in-days must be a whole number of at least 1.");
                return null;
            },
        };
        var role = new Option<string>("--role") { Description = "Whose token: an integrator's (default) or a tenant's.", DefaultValueFactory = _ => PortalClaims.IntegratorRole };
        role.AcceptOnlyFromAmong(PortalClaims.IntegratorRole, PortalClaims.TenantRole);

        var create = new Command("create", "Creates a token and prints it (and nothing else) on standard output. It is shown only this once.")
        {
            user, name, days, role,
        };
        create.SetAction((parsed, ct) => RunAsync(context, async tokens =>
        {
            var created = await tokens.CreateAsync(parsed.GetRequiredValue(user), ToRole(parsed.GetRequiredValue(role)),
                parsed.GetValue(name), parsed.GetValue(days), ct);
            await context.Output.WriteLineAsync(created.Secret);
        }, ct));

        var listUser = new Option<string>("--user") { Description = "The user whose tokens to list.", Required = true, HelpName = "user-id" };
        var list = new Command("list", "Lists a user's tokens: id, name, prefix, role, times and status.") { listUser };
        list.SetAction((parsed, ct) => RunAsync(context, async tokens =>
            await WriteTableAsync(context.Output, await tokens.ListAsync(parsed.GetRequiredValue(listUser), ct)), ct));

        var target = new Argument<string>("token") { Description = "The token's id (tok_…) or its prefix (gcp_…, as listed)." };
        var revoke = new Command("revoke", "Revokes a token: the API refuses it from then on.") { target };
        revoke.SetAction((parsed, ct) => RunAsync(context, async tokens =>
        {
            var revoked = await tokens.RevokeAsync(userId: null, parsed.GetRequiredValue(target), ct);
            await context.Output.WriteLineAsync($"Revoked {revoked.Id} ({revoked.Prefix}…).");
        }, ct));

        return new Command("tokens", "Manages API tokens without a browser. Configuration arguments such as --ConnectionStrings:Portal=<connection string> may follow.")
        {
            create, list, revoke,
        };
    }

    private static ActorRole ToRole(string role) => role == PortalClaims.TenantRole ? ActorRole.Tenant : ActorRole.Integrator;

    private static async Task<int> RunAsync(CommandContext context, Func<ApiTokenService, Task> action, CancellationToken ct)
    {
        try
        {
            await using var app = context.BuildDataHost();
            await app.Services.GetRequiredService<PortalDatabase>().MigrateAsync(ct);
            await action(app.Services.GetRequiredService<ApiTokenService>());
            return PortalCommandLine.Done;
        }
        catch (ValidationFailedException ex)
        {
            foreach (var e in ex.Errors)
            {
                await context.Error.WriteLineAsync($"tokens: {e.Message}");
            }

            return PortalCommandLine.UsageError;
        }
        catch (PortalException ex)
        {
            await context.Error.WriteLineAsync($"tokens: {ex.Message}");
            return PortalCommandLine.Failed;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            await context.Error.WriteLineAsync($"tokens: {ex.Message}");
            return PortalCommandLine.Failed;
        }
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<ApiTokenInfo> tokens)
    {
        string[] header = ["ID", "NAME", "PREFIX", "ROLE", "CREATED", "LAST USED", "EXPIRES", "STATUS"];
        var rows = tokens.Select(t => new[]
        {
            t.Id, t.Name ?? "-", t.Prefix + "…", t.Role.ToString().ToLowerInvariant(), Time(t.CreatedAt),
            Time(t.LastUsedAt), Time(t.ExpiresAt), t.Status.ToString().ToLowerInvariant(),
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
}
