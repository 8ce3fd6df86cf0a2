using System.CommandLine;
using System.Text.RegularExpressions;
using Portal.Hosting;

namespace Portal.Cli;

/// <summary>
/// "Portal tokens …", "Portal backup …", "Portal copy-to …": operator commands that run against the portal's database and exit.
/// The commands' own options are parsed by System.CommandLine; configuration is only an argument of the shape
/// "--Section:Key=value" (or "--Section:Key value"), which goes to the host's configuration as when serving.
/// Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
internal static partial class PortalCommandLine
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private static readonly string[] Commands = ["tokens", "backup", "copy-to"];

    /// <summary>True when the arguments name a command rather than asking the portal to serve.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (commandArgs, configurationArgs) = SplitConfiguration(args);
        var context = new CommandContext(configurationArgs, output, error);
        var root = new RootCommand("Gestal Cloud developer portal: operator commands. Without a command, the portal serves.")
        {
            TokensCommand.Create(context),
            BackupCommand.Create(context),
            CopyCommand.Create(context),
        };
        var parsed = root.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"{root.Name}: {problem.Message}");
            }

            await error.WriteLineAsync();
            var help = root.Parse([.. CommandPath(parsed.CommandResult), "--help"]);
            await help.InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Separates "--Section:Key=value" (and "--Section:Key value") from the commands' own arguments.</summary>
    public static (string[] CommandArgs, string[] ConfigurationArgs) SplitConfiguration(IReadOnlyList<string> args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var match = ConfigurationArgument().Match(args[i]);
            if (!match.Success)
            {
                command.Add(args[i]);
                continue;
            }

            configuration.Add(args[i]);
            if (!match.Groups["value"].Success && i + 1 < args.Count)
            {
                configuration.Add(args[++i]);
            }
        }

        return (command.ToArray(), configuration.ToArray());
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }

    // A configuration key has at least one ':' before any '=': "--Api:RateLimit:PermitLimit=5", not "--name=ci:nightly".
    [GeneratedRegex(@"^--[A-Za-z_][A-Za-z0-9_.\-]*(:[A-Za-z0-9_.\-]+)+(?<value>=.*)?$", RegexOptions.Singleline)]
    private static partial Regex ConfigurationArgument();
}

/// <summary>What every command needs: the configuration arguments for its host, and where to write.</summary>
internal sealed record CommandContext(string[] ConfigurationArgs, TextWriter Output, TextWriter Error)
{
    /// <summary>A host with the portal's configuration and data services only, logging off (standard output is the command's).</summary>
    /// <param name="overrides">Configuration arguments that win over the command's (e.g. another database).</param>
    public WebApplication BuildDataHost(params string[] overrides)
    {
        var builder = WebApplication.CreateBuilder([.. ConfigurationArgs, .. overrides]);
        builder.Logging.ClearProviders();
        builder.AddPortalData(isNode: false);
        return builder.Build();
    }
}
