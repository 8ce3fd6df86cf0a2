using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portal.Tests.Support;

/// <summary>
/// The built portal (Portal.dll beside the tests) run as its own process on a database folder, the way an operator
/// runs it: to serve (on a free loopback port) or to run one command.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process) => _process = process;

    /// <summary>Starts the portal serving on the folder's database and waits until it says where it listens.</summary>
    public static async Task<PortalProcess> ServeAsync(string folder)
    {
        var start = StartInfo(folder, ["--urls", "http://127.0.0.1:0"]);
        var portal = new PortalProcess(Process.Start(start)!);
        portal._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match)
            {
                portal._listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        portal._process.ErrorDataReceived += (_, _) => { };
        portal._process.Exited += (_, _) => portal._listening.TrySetException(new InvalidOperationException("The portal exited before it listened."));
        portal._process.EnableRaisingEvents = true;
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        portal.BaseAddress = await portal._listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return portal;
    }

    /// <summary>Runs one command (tokens …, backup …) on the folder's database and returns what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, params string[] args)
    {
        using var process = Process.Start(StartInfo(folder, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint — what a crash or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string folder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in TestDatabase.SettingsFor(folder))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Api__RateLimit__PermitLimit"] = "1000000";
        start.Environment["RateLimit__Anonymous__PermitLimit"] = "1000000";
        return start;
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningOn();
}
