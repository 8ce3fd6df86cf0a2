using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Postgres;

/// <summary>
/// Issue 11: change events cross nodes. Two nodes' services (two containers, each with its own listener and feed) on
/// one PostgreSQL database: what node A commits, node B's feed delivers within a second, once; A's own feed delivers
/// it once too (at once, not again when its own notification comes back); the notifications carry ids, never content.
/// </summary>
public sealed partial class EventsAcrossNodesTests : IAsyncLifetime
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private TestDatabase _a = null!;
    private ServiceProvider _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestDatabase.CreateAsync();
        _b = new ServiceCollection().AddPortalData(_a.ConnectionString, _a.Folder, provider: "postgres").BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task An_event_committed_on_one_node_reaches_the_other_nodes_feed_within_a_second_once_and_by_id_only()
    {
        var acme = Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), "Ada");
        var onA = Record(_a.Get<ChangeFeed>(), acme);
        var onB = Record(_b.GetRequiredService<ChangeFeed>(), acme);
        var payloads = new ConcurrentQueue<string>();
        using var raw = _b.GetRequiredService<INodeNotifications>().Subscribe(NotifiedChangeTransport.Channel, payloads.Enqueue);
        await Wait.UntilAsync(() => _b.GetRequiredService<INodeNotifications>().IsListening, Deadline);
        var warmUp = await CreateAsync(_a.Get<IntegrationService>(), acme, "Warm-up"); // B's LISTEN is in place once this arrives
        await Wait.UntilAsync(() => onB.Any(e => e.SubjectId == warmUp.CloudId), Deadline);

        var created = await CreateAsync(_a.Get<IntegrationService>(), acme, "Made on A");
        await Wait.UntilAsync(() => onB.Any(e => e.SubjectId == created.CloudId), WithinASecond);
        await _a.Get<IntegrationService>().UpdateAsync(acme, created.CloudId, new IntegrationInput(Field.Of("Renamed on A"), Field.Absent, Field.Absent));
        await Wait.UntilAsync(() => onB.Any(e => e.Kind == EventKinds.IntegrationUpdated), WithinASecond);
        var fromB = await CreateAsync(_b.GetRequiredService<IntegrationService>(), acme, "Made on B"); // A hears it after its own
        await Wait.UntilAsync(() => onA.Any(e => e.SubjectId == fromB.CloudId), Deadline);

        string[] expected = [EventKinds.IntegrationCreated, EventKinds.IntegrationCreated, EventKinds.IntegrationUpdated, EventKinds.IntegrationCreated];
        Assert.Equal(expected, onB.Select(e => e.Kind));
        Assert.Equal(expected, onA.Select(e => e.Kind));
        Assert.Equal(onA.Select(e => e.Id), onB.Select(e => e.Id)); // the same events, in the same order, each once
        Assert.Equal(new AttributeChange("name", "Made on A", "Renamed on A"), onB.ToList()[2].ChangeOf("name"));
        Assert.NotEmpty(payloads);
        Assert.All(payloads, p => Assert.Matches(IdsOnly(), p));
    }

    private static ConcurrentQueue<EventData> Record(ChangeFeed feed, Actor owner)
    {
        var received = new ConcurrentQueue<EventData>();
        feed.Subscribe(e => e.OwnerId == owner.UserId, e =>
        {
            received.Enqueue(e);
            return Task.CompletedTask;
        });
        return received;
    }

    private static Task<IntegrationData> CreateAsync(IntegrationService integrations, Actor actor, string name) =>
        integrations.CreateAsync(actor, new IntegrationInput(Field.Of(name), Field.Of("https://acme.com/p"), Field.Absent));

    [GeneratedRegex("^[0-9a-f]{32} [0-9]+(,[0-9]+)*$")]
    private static partial Regex IdsOnly();
}
