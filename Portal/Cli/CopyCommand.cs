using System.CommandLine;
using Portal.Data;

namespace Portal.Cli;

/// <summary>
/// "copy-to --provider postgres --connection-string …": every row of the configured database (usually the SQLite file)
/// into another, new and empty one (migrated first), in one transaction. How an operator moves to PostgreSQL.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CommandContext context)
    {
        var provider = new Option<string>("--provider") { Description = "The target's database: postgres or sqlite.", Required = true };
        provider.AcceptOnlyFromAmong("postgres", "sqlite");
        var target = new Option<string>("--connection-string") { Description = "The target's connection string (its database must exist and be empty).", Required = true, HelpName = "connection-string" };
        var copy = new Command("copy-to",
            "Copies every row of the portal's database into a new, empty database (e.g. from SQLite to PostgreSQL), in one transaction. Stop the portal first. Configuration arguments such as --ConnectionStrings:Portal=<source> may follow.")
        {
            provider, target,
        };
        copy.SetAction(async (parsed, ct) =>
        {
            try
            {
                await using var source = context.BuildDataHost();
                await using var into = context.BuildDataHost(
                    $"--{PortalDataServiceCollectionExtensions.ProviderKey}={parsed.GetRequiredValue(provider)}",
                    $"--ConnectionStrings:Portal={parsed.GetRequiredValue(target)}");
                var from = source.Services.GetRequiredService<PortalDatabase>();
                await from.MigrateAsync(ct);
                var rows = await from.CopyToAsync(into.Services.GetRequiredService<PortalDatabase>(), ct);
                await context.Output.WriteLineAsync($"Copied {rows} rows.");
                return PortalCommandLine.Done;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"copy-to: {ex.Message}");
                return PortalCommandLine.Failed;
            }
        });
        return copy;
    }
}
