using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Portal.Tests.Api;
using Portal.Tests.Support;

namespace Portal.Tests.Cli;

/// <summary>"Portal tokens ..." run as a real process, on a database the API then reads.</summary>
public sealed class TokensCommandTests : IAsyncLifetime
{
    private readonly string _folder = TestDatabase.NewFolder();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TestDatabase.DeleteFolder(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Tokens_create_prints_only_a_token_that_the_API_accepts()
    {
        var result = await RunAsync("tokens", "create", "--user", "dev-acme", "--name", "ci", "--expires-in-days", "7");

        Assert.Equal(0, result.ExitCode);
        var token = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.Matches("^gcp_[A-Za-z0-9]{40}$", token);

        await using var factory = new ApiFactory(folder: _folder);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/integrations")).StatusCode);
    }

    [Fact]
    public async Task Tokens_list_shows_the_token_and_revoke_by_prefix_makes_the_API_refuse_it()
    {
        var token = (await RunAsync("tokens", "create", "--user", "dev-acme", "--role", "tenant")).Output.Trim();

        var list = await RunAsync("tokens", "list", "--user", "dev-acme");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("PREFIX", list.Output, StringComparison.Ordinal);
        Assert.Contains(token[..12], list.Output, StringComparison.Ordinal);
        Assert.Contains("tenant", list.Output, StringComparison.Ordinal);
        Assert.Contains("active", list.Output, StringComparison.Ordinal);

        var revoke = await RunAsync("tokens", "revoke", token[..12]);
        Assert.Equal(0, revoke.ExitCode);

        await using var factory = new ApiFactory(folder: _folder);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/ping")).StatusCode);
    }

    [Theory]
    [InlineData("tokens", "create")]
    [InlineData("tokens", "create", "--user", "dev-acme", "--role", "admin")]
    [InlineData("tokens", "create", "--user", "dev-acme", "--expires-in-days", "soon")]
    [InlineData("tokens", "frobnicate")]
    [InlineData("tokens", "revoke")]
    public async Task Usage_errors_exit_with_2_and_print_nothing_on_standard_output(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Option_values_with_a_colon_are_option_values_and_configuration_is_only_Section_Key()
    {
        var other = TestDatabase.NewFolder();
        try
        {
            var created = await RunAsync("tokens", "create", "--user=google:123", "--name=ci:nightly",
                "--ConnectionStrings:Portal=" + TestDatabase.ConnectionStringFor(other));
            Assert.Equal(0, created.ExitCode);

            var list = await RunAsync("tokens", "list", "--user", "google:123", "--ConnectionStrings:Portal", TestDatabase.ConnectionStringFor(other));
            Assert.Equal(0, list.ExitCode);
            Assert.Contains("ci:nightly", list.Output, StringComparison.Ordinal);
            Assert.Contains("(no tokens)", (await RunAsync("tokens", "list", "--user", "google:123")).Output, StringComparison.Ordinal);
        }
        finally
        {
            TestDatabase.DeleteFolder(other);
        }
    }

    [Theory]
    [InlineData("tokens", "--help")]
    [InlineData("tokens", "create", "--help")]
    [InlineData("tokens", "list", "--help")]
    [InlineData("tokens", "revoke", "--help")]
    [InlineData("backup", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains(args[^2], result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_arguments_shaped_Section_Key_are_configuration()
    {
        var (command, configuration) = Portal.Cli.PortalCommandLine.SplitConfiguration(
            ["tokens", "create", "--name=ci:nightly", "--user", "google:1", "--ConnectionStrings:Portal=Data Source=x.db", "--Api:RateLimit:PermitLimit", "5"]);

        Assert.Equal(["tokens", "create", "--name=ci:nightly", "--user", "google:1"], command);
        Assert.Equal(["--ConnectionStrings:Portal=Data Source=x.db", "--Api:RateLimit:PermitLimit", "5"], configuration);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_exits_with_1()
    {
        var result = await RunAsync("tokens", "revoke", "tok_doesnotexist");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No token", result.Error, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var portalDll = Path.Combine(AppContext.BaseDirectory, "Portal.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(portalDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in TestDatabase.SettingsFor(_folder))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
