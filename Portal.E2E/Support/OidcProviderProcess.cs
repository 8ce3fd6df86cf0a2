using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.E2E.Support;

/// <summary>
/// Portal.E2E/oidc/provider.mjs (the npm `oidc-provider`) running on a free loopback port for one test class.
/// Its packages come from `npm ci` in Portal.E2E/oidc (scripts/test.sh runs it); if they are missing the tests
/// fail saying so.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly System.Text.StringBuilder _errors;

    private OidcProviderProcess(Process process, string issuer, System.Text.StringBuilder errors)
    {
        _process = process;
        Issuer = issuer;
        _errors = errors;
    }

    /// <summary>What the provider wrote to standard error so far (e.g. a failed back-channel logout).</summary>
    public string ErrorOutput { get { lock (_errors) { return _errors.ToString(); } } }

    /// <summary>e.g. http://127.0.0.1:38683</summary>
    public string Issuer { get; }

    public static async Task<OidcProviderProcess> StartAsync(string portalOrigin)
    {
        var folder = RepoPaths.OidcProvider;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException(
                $"The test OpenID provider's packages are not installed: run `npm ci` in {folder} (scripts/test.sh does).");
        }
        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORTAL_ORIGIN"] = portalOrigin;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed for the OpenID provider of the E2E tests: " + e.Message, e);
        }
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { }, TaskScheduler.Default).Ignore();
                return new OidcProviderProcess(process, line["listening ".Length..].Trim(), errors);
            }
        }
        process.Kill();
        lock (errors)
        {
            throw new InvalidOperationException("The test OpenID provider exited before it served:\n" + errors);
        }
    }

    /// <summary>A port free right now on 127.0.0.1 (for a server that must be named before it starts).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

internal static class TaskExtensions
{
    public static void Ignore(this Task task) => _ = task;
}
