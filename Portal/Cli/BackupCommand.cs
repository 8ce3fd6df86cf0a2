using System.CommandLine;
using Portal.Data;

namespace Portal.Cli;

/// <summary>"backup &lt;file&gt;": a consistent copy of the database, made while the portal goes on serving.</summary>
internal static class BackupCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the copy (a new file)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the file if it exists." };
        var backup = new Command("backup",
            "Copies the database, consistently, while the portal serves (SQLite's online backup). Restore by stopping the portal and putting the copy in place of the database file. Configuration arguments such as --ConnectionStrings:Portal=<connection string> may follow.")
        {
            file, overwrite,
        };
        backup.SetAction(async (parsed, ct) =>
        {
            var target = parsed.GetRequiredValue(file);
            if (target.Exists && !parsed.GetValue(overwrite))
            {
                await context.Error.WriteLineAsync($"backup: {target.FullName} exists; pass --overwrite to replace it.");
                return PortalCommandLine.Failed;
            }

            try
            {
                await using var app = context.BuildDataHost();
                var database = app.Services.GetRequiredService<PortalDatabase>();
                await database.MigrateAsync(ct);
                await database.BackupToAsync(target.FullName, ct);
                await context.Output.WriteLineAsync($"Backed up the database to {target.FullName}.");
                return PortalCommandLine.Done;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"backup: {ex.Message}");
                return PortalCommandLine.Failed;
            }
        });
        return backup;
    }
}
