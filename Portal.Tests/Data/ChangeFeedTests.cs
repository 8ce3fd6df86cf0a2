using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>Issue 10: committed events go to the subscribers they concern, once; a subscriber cannot hurt the publisher.</summary>
public sealed class ChangeFeedTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ChangeFeed Feed => _db.Get<ChangeFeed>();

    private IntegrationService Integrations => _db.Get<IntegrationService>();

    private static Actor Person() => Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), "Ada");

    private Task<IntegrationData> CreateAsync(Actor actor, string name = "Acme Plus") =>
        Integrations.CreateAsync(actor, new IntegrationInput(Field.Of(name), Field.Of("https://acme.com/p"), Field.Absent));

    [Fact]
    public async Task A_subscriber_receives_the_committed_events_that_concern_it_and_no_others()
    {
        var acme = Person();
        var received = new List<EventData>();
        using var _ = Feed.Subscribe(e => e.OwnerId == acme.UserId, e =>
        {
            received.Add(e);
            return Task.CompletedTask;
        });

        var plus = await CreateAsync(acme);
        await CreateAsync(Person()); // another integrator's
        await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Of("Acme Plus 2"), Field.Absent, Field.Absent));

        Assert.Equal([EventKinds.IntegrationCreated, EventKinds.IntegrationUpdated], received.Select(e => e.Kind));
        Assert.Equal(new AttributeChange("name", "Acme Plus", "Acme Plus 2"), received[1].ChangeOf("name"));
        Assert.Equal(new EventActor("user", "Ada"), received[1].Actor);
        Assert.True(received[1].Id > received[0].Id);
    }

    [Fact]
    public async Task A_subscriber_is_told_of_a_deleted_integration()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var received = new List<string>();
        using var _ = Feed.Subscribe(e => e.OwnerId == acme.UserId, e =>
        {
            received.Add(e.Kind);
            return Task.CompletedTask;
        });

        await Integrations.DeleteAsync(acme, plus.CloudId);

        Assert.Equal([EventKinds.IntegrationDeleted], received);
    }

    [Fact]
    public async Task Nothing_is_published_for_a_refused_change_or_a_no_op_patch()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var received = 0;
        using var _ = Feed.Subscribe(_ => true, _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(acme));
        await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Of("Acme Plus"), Field.Absent, Field.Absent));

        Assert.Equal(0, received);
    }

    [Fact]
    public async Task A_failing_subscriber_reaches_neither_the_service_nor_the_other_subscribers()
    {
        var acme = Person();
        var received = new List<string>();
        using var throwing = Feed.Subscribe(_ => true, _ => throw new InvalidOperationException("a broken page"));
        using var faulted = Feed.Subscribe(_ => true, _ => Task.FromException(new InvalidOperationException("a broken page, later")));
        using var broken = Feed.Subscribe(_ => throw new InvalidOperationException("a broken filter"), _ => Task.CompletedTask);
        using var healthy = Feed.Subscribe(_ => true, e =>
        {
            received.Add(e.Kind);
            return Task.CompletedTask;
        });

        var plus = await CreateAsync(acme);

        Assert.Equal([EventKinds.IntegrationCreated], received);
        Assert.Equal("Acme Plus", (await Integrations.GetAsync(acme, plus.CloudId)).Name);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var acme = Person();
        var received = 0;
        var subscription = Feed.Subscribe(_ => true, _ =>
        {
            received++;
            return Task.CompletedTask;
        });
        await CreateAsync(acme);

        subscription.Dispose();
        await CreateAsync(acme, "Second");

        Assert.Equal(1, received);
    }

    [Fact]
    public void The_in_process_transport_hands_each_event_to_every_receiver_until_it_stops()
    {
        var transport = new InProcessChangeTransport();
        var first = new List<long>();
        var second = new List<long>();
        var one = transport.Receive(e => first.Add(e.Id));
        using var two = transport.Receive(e => second.Add(e.Id));
        static EventData Event(long id) => new(id, EventKinds.SiteAdded, EventSubjects.Site, "sit_1", null, null, [], new EventActor("user", "x"), DateTime.UnixEpoch);

        transport.Send([Event(1), Event(2)]);
        one.Dispose();
        one.Dispose();
        transport.Send([Event(3)]);

        Assert.Equal([1L, 2L], first);
        Assert.Equal([1L, 2L, 3L], second);
    }
}
