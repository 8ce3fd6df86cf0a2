using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Api.Contract;

/// <summary>
/// The served document passes Redocly's recommended rules (tools/openapi/redocly.yaml) with no error and no warning.
/// Redocly CLI is pinned in tools/openapi/package-lock.json; scripts/test.sh installs it with npm ci.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_served_document_passes_redocly_lint_with_no_error_and_no_warning()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "openapi");
        var redocly = Path.Combine(tools, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"Redocly CLI is not installed: run `npm ci` in {tools} (scripts/test.sh does).");
        await using var factory = new ApiFactory();
        var document = Path.Combine(factory.Folder, "openapi.json");
        // Asked for at a loopback address, as on a local run (Redocly rightly warns of a server named localhost).
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1:5080") });
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));

        var start = new ProcessStartInfo(redocly)
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        foreach (var argument in new[] { "lint", document, "--config", Path.Combine(tools, "redocly.yaml"), "--format", "stylish", "--max-problems", "100" })
        {
            start.ArgumentList.Add(argument);
        }

        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        var text = await output + await errors;

        Assert.True(lint.ExitCode == 0, "redocly lint failed:\n" + text);
        Assert.DoesNotContain(" warning ", text, StringComparison.Ordinal);
        Assert.Contains("valid", text, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeveloperPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DeveloperPortal.sln not found above {AppContext.BaseDirectory}.");
    }
}
