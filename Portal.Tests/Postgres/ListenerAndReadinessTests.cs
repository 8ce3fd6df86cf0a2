using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Data.Notifications;
using Portal.Tests.Api;
using Portal.Tests.Auth;
using Portal.Tests.Support;

namespace Portal.Tests.Postgres;

/// <summary>
/// What only PostgreSQL has: the node's notification listener, and losing the database server. These run in the
/// PostgreSQL run only (scripts/test.sh leaves this namespace out of the SQLite run).
/// </summary>
public sealed class ListenerAndReadinessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_listener_dispatches_by_channel_and_reconnects_by_itself_when_its_connection_is_killed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var notifications = db.Get<INodeNotifications>();
        var received = new ConcurrentQueue<string>();
        var other = new ConcurrentQueue<string>();
        using var subscription = notifications.Subscribe("portal_test_events", received.Enqueue);
        using var otherSubscription = notifications.Subscribe("portal_test_other", other.Enqueue);
        var changes = new ConcurrentQueue<bool>();
        notifications.ListeningChanged += changes.Enqueue;
        await Wait.UntilAsync(() => notifications.IsListening, Deadline);

        await PublishUntilReceivedAsync(notifications, received, "first");
        Assert.Empty(other);

        Assert.Equal(1, await KillListenerAsync(db.ConnectionString));
        await Wait.UntilAsync(() => changes.Contains(false), Deadline);
        await Wait.UntilAsync(() => notifications.IsListening, Deadline);

        await PublishUntilReceivedAsync(notifications, received, "after the reconnection");
    }

    [Fact]
    public async Task A_node_that_loses_its_database_is_not_ready_but_alive_answers_503_and_is_ready_again_when_the_database_is_back()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var api = await factory.ClientForAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/integrations")).StatusCode);
        var cookie = await SessionPipelineTests.SignInAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "dev-acme");
        var database = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionStringFor(factory.Folder)).Database!;

        await AdminAsync($"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        try
        {
            await Wait.UntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, Deadline);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            var refused = await api.GetAsync("/api/integrations");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
            var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "service-unavailable");
            Assert.Contains("cannot reach its database", problem.GetProperty("detail").GetString());

            var page = new HttpRequestMessage(HttpMethod.Get, "/integrations");
            page.Headers.Add("Cookie", cookie);
            var unavailable = await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(page);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal("5", unavailable.Headers.GetValues("Retry-After").Single());
            Assert.Contains("The database is unavailable", await unavailable.Content.ReadAsStringAsync());
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        }

        await Wait.UntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, Deadline);
        var notifications = factory.Services.GetRequiredService<INodeNotifications>();
        await Wait.UntilAsync(() => notifications.IsListening, Deadline);
    }

    [Fact]
    public async Task A_command_that_runs_on_no_node_sends_notifications_but_opens_no_listening_connection()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var node = new PostgresNotificationListener(db.ConnectionString);
        await using var command = new PostgresNotificationListener(db.ConnectionString, listens: false);
        var onNode = new ConcurrentQueue<string>();
        var onCommand = new ConcurrentQueue<string>();
        using var nodeSubscription = node.Subscribe("portal_test_command", onNode.Enqueue);
        using var commandSubscription = command.Subscribe("portal_test_command", onCommand.Enqueue);
        await Wait.UntilAsync(() => node.IsListening, Deadline);

        await command.PublishAsync("portal_test_command", "revoked");
        await Wait.UntilAsync(() => onNode.Contains("revoked"), Deadline);

        Assert.False(command.OpensListeningConnection);
        Assert.False(command.IsListening);
        Assert.Empty(onCommand);
    }

    [Fact]
    public async Task The_portals_commands_build_their_services_without_a_listener()
    {
        var folder = TestDatabase.NewFolder();
        try
        {
            var context = new Portal.Cli.CommandContext([.. TestDatabase.SettingsFor(folder).Select(s => $"--{s.Key}={s.Value}")], TextWriter.Null, TextWriter.Null);
            await using var host = context.BuildDataHost();
            _ = host.Services.GetRequiredService<Portal.Data.Tokens.ApiTokenService>(); // subscribes its cache to the notifications

            Assert.False(host.Services.GetRequiredService<PostgresNotificationListener>().OpensListeningConnection);
        }
        finally
        {
            TestDatabase.DeleteFolder(folder);
        }
    }

    private static async Task PublishUntilReceivedAsync(INodeNotifications notifications, ConcurrentQueue<string> received, string payload)
    {
        await notifications.PublishAsync("portal_test_events", payload);
        await Wait.UntilAsync(() => received.Contains(payload), Deadline);
    }

    private static async Task<int> KillListenerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'portal-listener'", connection);
        return Convert.ToInt32(await kill.ExecuteScalarAsync());
    }

    private static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
