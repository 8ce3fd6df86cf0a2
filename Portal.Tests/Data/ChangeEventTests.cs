using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Integrations;
using Portal.Data.Paging;
using Portal.Tests.Support;
using EventData = Portal.Data.Events.EventData;

namespace Portal.Tests.Data;

/// <summary>Issue 10: every change writes exactly one event, in the same save, with before/after and who; never a secret.</summary>
public sealed class ChangeEventTests : IAsyncLifetime
{
    private readonly FailNextSave _failure = new();
    private TestDatabase _db = null!;

    private IntegrationService Integrations => _db.Get<IntegrationService>();

    private EventService Events => _db.Get<EventService>();

    public async Task InitializeAsync() =>
        _db = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(_failure));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static Actor Person(string name = "Acme Farms Software") =>
        Actor.Integrator("integrator-" + Guid.NewGuid().ToString("N"), name);

    private static Actor Script(Actor integrator, string label = "ci") => integrator with { Name = label, Via = ActorCredential.ApiToken };

    private static Actor NewTenant(string name = "Hillside Pig Farm") => Actor.Tenant("farm-" + Guid.NewGuid().ToString("N"), name);

    private Task<IntegrationData> CreateAsync(Actor actor, string? description = null) =>
        Integrations.CreateAsync(actor, new IntegrationInput(
            Field.Of("Acme Plus"), Field.Of("https://acme.com/products/acme-plus"), description is null ? Field.Absent : Field.Of(description)));

    private async Task<List<EventData>> AllEventsAsync()
    {
        await using var db = await _db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        return rows.ConvertAll(EventBatch.ToData);
    }

    private async Task<string> StoredEventsTextAsync()
    {
        await using var db = await _db.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.Events.AsNoTracking().ToListAsync();
        return string.Join("\n", rows.Select(e => string.Join("|", e.Kind, e.SubjectId, e.Changes, e.ActorName, e.ActorType, e.IntegrationName)));
    }

    [Fact]
    public async Task Creating_writes_one_create_with_every_attribute_set_and_the_persons_name()
    {
        var acme = Person();

        var plus = await CreateAsync(acme);

        var e = Assert.Single(await AllEventsAsync());
        Assert.Equal(EventKinds.IntegrationCreated, e.Kind);
        Assert.Equal(EventSubjects.Integration, e.SubjectKind);
        Assert.Equal(plus.CloudId, e.SubjectId);
        Assert.Equal(plus.CloudId, e.IntegrationId);
        Assert.Equal("Acme Plus", e.IntegrationName);
        Assert.Equal(acme.UserId, e.OwnerId);
        Assert.Null(e.TenantUserId);
        Assert.Equal(
            [new("name", null, "Acme Plus"), new("url", null, "https://acme.com/products/acme-plus")],
            e.Changes);
        Assert.Equal(new EventActor("user", "Acme Farms Software"), e.Actor);
        Assert.Equal(new DateTime(2001, 1, 1, 1, 1, 1, DateTimeKind.Utc), e.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, e.CreatedAt.Kind);
    }

    [Fact]
    public async Task A_create_with_a_description_lists_it_last()
    {
        await CreateAsync(Person(), "Notifications.");

        var e = Assert.Single(await AllEventsAsync());
        Assert.Equal(["name", "url", "description"], e.Changes.Select(c => c.Attribute));
        Assert.Equal(new AttributeChange("description", null, "Notifications."), e.Changes[2]);
    }

    [Fact]
    public async Task A_patch_writes_one_update_with_only_what_changed_and_the_tokens_label()
    {
        var acme = Person();
        var plus = await CreateAsync(acme, "Old.");
        _db.Clock.Advance(TimeSpan.FromMilliseconds(1500));

        await Integrations.UpdateAsync(Script(acme), plus.CloudId,
            new IntegrationInput(Field.Of("  Acme Plus  "), Field.Of("https://acme.com/another"), Field.Null));

        var update = (await AllEventsAsync()).Last();
        Assert.Equal(EventKinds.IntegrationUpdated, update.Kind);
        Assert.Equal(
            [new("url", "https://acme.com/products/acme-plus", "https://acme.com/another"), new("description", "Old.", null)],
            update.Changes);
        Assert.Equal(new EventActor("api_token", "ci"), update.Actor);
        Assert.Equal(new DateTime(2001, 1, 1, 1, 1, 2, 500, DateTimeKind.Utc), update.CreatedAt);
        Assert.Equal(2, (await AllEventsAsync()).Count);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_writes_no_event()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);

        await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Of(" Acme Plus "), Field.Of("https://acme.com/products/acme-plus"), Field.Absent));

        Assert.Single(await AllEventsAsync());
    }

    [Fact]
    public async Task A_failed_save_writes_no_event()
    {
        var acme = Person();
        _failure.Arm();
        await Assert.ThrowsAsync<DbUpdateException>(() => CreateAsync(acme));
        Assert.Empty(await AllEventsAsync());

        var plus = await CreateAsync(acme);
        _failure.Arm();
        await Assert.ThrowsAsync<DbUpdateException>(() =>
            Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Absent, Field.Of("https://acme.com/x"), Field.Absent)));
        _failure.Arm();
        await Assert.ThrowsAsync<DbUpdateException>(() => Integrations.DeleteAsync(acme, plus.CloudId));

        Assert.Equal([EventKinds.IntegrationCreated], (await AllEventsAsync()).Select(e => e.Kind));
        Assert.Equal("https://acme.com/products/acme-plus", (await Integrations.GetAsync(acme, plus.CloudId)).Url);
    }

    [Fact]
    public async Task Deleting_removes_the_versions_and_leaves_one_deleted_line_with_what_it_was()
    {
        var acme = Person();
        var plus = await CreateAsync(acme, "Notifications.");
        await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Of("Acme Plus 2"), Field.Absent, Field.Absent));

        await Integrations.DeleteAsync(Script(acme, "cleanup"), plus.CloudId);

        var e = Assert.Single(await AllEventsAsync());
        Assert.Equal(EventKinds.IntegrationDeleted, e.Kind);
        Assert.Equal(plus.CloudId, e.SubjectId);
        Assert.Equal("Acme Plus 2", e.IntegrationName);
        Assert.Equal(
            [new("name", "Acme Plus 2", null), new("url", "https://acme.com/products/acme-plus", null), new("description", "Notifications.", null)],
            e.Changes);
        Assert.Equal(new EventActor("api_token", "cleanup"), e.Actor);
        await Assert.ThrowsAsync<NotFoundException>(() => Events.ListVersionsAsync(acme, plus.CloudId, PageRequest.Default));
    }

    [Fact]
    public async Task Install_and_uninstall_each_write_one_event_for_the_integrator_and_the_tenant()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var tenant = NewTenant();
        var site = await _db.Get<Portal.Data.Sites.SiteService>().AddAsync(tenant, "North");
        var before = (await AllEventsAsync()).Count;

        var installed = (await _db.Get<Portal.Data.Installations.InstallationService>().InstallAsync(tenant, plus.CloudId, [site.CloudId])).Single();
        await _db.Get<Portal.Data.Installations.InstallationService>().UninstallAsync(tenant, installed.CloudId);

        var events = (await AllEventsAsync()).Skip(before).ToList();
        Assert.Equal([EventKinds.InstallationCreated, EventKinds.InstallationDeleted], events.Select(e => e.Kind));
        Assert.All(events, e =>
        {
            Assert.Equal(installed.CloudId, e.SubjectId);
            Assert.Equal(EventSubjects.Installation, e.SubjectKind);
            Assert.Equal(acme.UserId, e.OwnerId);
            Assert.Equal(tenant.UserId, e.TenantUserId);
            Assert.Equal(plus.CloudId, e.IntegrationId);
            Assert.Equal(new EventActor("user", "Hillside Pig Farm"), e.Actor);
        });
        Assert.Equal([new("tenant", null, "Hillside Pig Farm"), new("site", null, "North")], events[0].Changes);
        Assert.Equal([new("tenant", "Hillside Pig Farm", null), new("site", "North", null)], events[1].Changes);
    }

    [Fact]
    public async Task Access_keys_write_one_event_each_and_no_event_carries_a_secret()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var installation = await _db.Get<Portal.Data.Installations.InstallationService>().InstallOnTestSiteAsync(acme, plus.CloudId);
        var keys = _db.Get<Portal.Data.AccessKeys.AccessKeyService>();
        var before = (await AllEventsAsync()).Count;

        var created = await keys.CreateAsync(acme, installation.CloudId);
        await keys.DeleteAsync(Script(acme), created.Key.Id.ToString());

        var events = (await AllEventsAsync()).Skip(before).ToList();
        Assert.Equal([EventKinds.AccessKeyCreated, EventKinds.AccessKeyDeleted], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(created.Key.Id.ToString("D"), e.SubjectId));
        Assert.Equal([new("installation_id", null, installation.CloudId), new("site", null, "Test site")], events[0].Changes);
        Assert.Equal([new("installation_id", installation.CloudId, null), new("site", "Test site", null)], events[1].Changes);
        Assert.Equal(new EventActor("api_token", "ci"), events[1].Actor);
        var stored = await StoredEventsTextAsync();
        Assert.DoesNotContain(created.Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret[3..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Portal.Data.AccessKeys.AccessKeyService.Hash(created.Secret), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_integration_records_what_it_took_with_it()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var installation = await _db.Get<Portal.Data.Installations.InstallationService>().InstallOnTestSiteAsync(acme, plus.CloudId);
        var key = await _db.Get<Portal.Data.AccessKeys.AccessKeyService>().CreateAsync(acme, installation.CloudId);

        await Integrations.DeleteAsync(acme, plus.CloudId);

        var activity = await Events.ListActivityAsync(acme, new ActivityQuery(PageRequest.Default));
        Assert.Equal(
            [EventKinds.IntegrationDeleted, EventKinds.InstallationDeleted, EventKinds.AccessKeyDeleted, EventKinds.AccessKeyCreated, EventKinds.InstallationCreated],
            activity.Data.Select(e => e.Kind));
        Assert.Equal(key.Key.Id.ToString("D"), activity.Data[2].SubjectId);
        Assert.DoesNotContain(key.Secret, await StoredEventsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_added_renamed_and_removed_write_one_event_each_for_the_tenant()
    {
        var tenant = NewTenant();
        var sites = _db.Get<Portal.Data.Sites.SiteService>();

        var site = await sites.AddAsync(tenant, "North");
        await sites.RenameAsync(tenant, site.CloudId, " North ");
        await sites.RenameAsync(tenant, site.CloudId, "North Barn");
        await sites.RemoveAsync(tenant, site.CloudId);

        var events = await AllEventsAsync();
        Assert.Equal([EventKinds.SiteAdded, EventKinds.SiteRenamed, EventKinds.SiteRemoved], events.Select(e => e.Kind));
        Assert.Equal([new("name", null, "North")], events[0].Changes);
        Assert.Equal([new("name", "North", "North Barn")], events[1].Changes);
        Assert.Equal([new("name", "North Barn", null)], events[2].Changes);
        Assert.All(events, e =>
        {
            Assert.Equal(site.CloudId, e.SubjectId);
            Assert.Equal(tenant.UserId, e.TenantUserId);
            Assert.Null(e.OwnerId);
        });
    }

    [Fact]
    public async Task Removing_a_site_tells_the_integrator_its_installation_went()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var tenant = NewTenant();
        var sites = _db.Get<Portal.Data.Sites.SiteService>();
        var site = await sites.AddAsync(tenant, "North");
        await _db.Get<Portal.Data.Installations.InstallationService>().InstallAsync(tenant, plus.CloudId, [site.CloudId]);

        await sites.RemoveAsync(tenant, site.CloudId);

        var latest = (await Events.ListActivityAsync(acme, new ActivityQuery(PageRequest.Default))).Data[0];
        Assert.Equal(EventKinds.InstallationDeleted, latest.Kind);
        Assert.Equal(new EventActor("user", "Hillside Pig Farm"), latest.Actor);
    }

    [Fact]
    public async Task Versions_are_newest_first_and_page_like_every_list()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        for (var i = 1; i <= 3; i++)
        {
            await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Absent, Field.Of($"https://acme.com/{i}"), Field.Absent));
        }

        var first = await Events.ListVersionsAsync(acme, plus.CloudId, PageRequest.Of(1, 3));
        var second = await Events.ListVersionsAsync(acme, plus.CloudId, PageRequest.Of(2, 3));

        Assert.Equal(["https://acme.com/3", "https://acme.com/2", "https://acme.com/1"], first.Data.Select(v => v.ChangeOf("url")!.After));
        Assert.Equal([EventKinds.IntegrationCreated], second.Data.Select(v => v.Kind));
        Assert.Equal(new PageMeta(4, 2, 3, 1, 2, null, true, false, false, 3), first.Meta);
        Assert.Equal(new PageMeta(4, 2, 3, 2, null, 1, false, true, false, 1), second.Meta);
    }

    [Fact]
    public async Task Versions_of_another_integrators_integration_are_not_found_and_tenants_are_refused()
    {
        var plus = await CreateAsync(Person());

        await Assert.ThrowsAsync<NotFoundException>(() => Events.ListVersionsAsync(Person(), plus.CloudId, PageRequest.Default));
        await Assert.ThrowsAsync<ForbiddenException>(() => Events.ListVersionsAsync(NewTenant(), plus.CloudId, PageRequest.Default));
        await Assert.ThrowsAsync<ForbiddenException>(() => Events.ListActivityAsync(NewTenant(), new ActivityQuery(PageRequest.Default)));
    }

    [Fact]
    public async Task Activity_filters_by_integration_and_by_kind_and_shows_only_the_integrators_own()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        var other = await Integrations.CreateAsync(acme, new IntegrationInput(Field.Of("Other"), Field.Of("https://acme.com/other"), Field.Absent));
        await _db.Get<Portal.Data.Installations.InstallationService>().InstallOnTestSiteAsync(acme, plus.CloudId);
        await CreateAsync(Person()); // someone else's

        var all = await Events.ListActivityAsync(acme, new ActivityQuery(PageRequest.Default));
        var ofPlus = await Events.ListActivityAsync(acme, new ActivityQuery(PageRequest.Default) { IntegrationId = plus.CloudId });
        var installs = await Events.ListActivityAsync(acme, new ActivityQuery(PageRequest.Default) { SubjectKind = EventSubjects.Installation });
        var names = await Events.ListActivityIntegrationsAsync(acme);

        Assert.Equal([EventKinds.InstallationCreated, EventKinds.IntegrationCreated, EventKinds.IntegrationCreated], all.Data.Select(e => e.Kind));
        Assert.Equal([EventKinds.InstallationCreated, EventKinds.IntegrationCreated], ofPlus.Data.Select(e => e.Kind));
        Assert.All(ofPlus.Data, e => Assert.Equal(plus.CloudId, e.IntegrationId));
        Assert.Equal([EventKinds.InstallationCreated], installs.Data.Select(e => e.Kind));
        Assert.Equal([new ActivityIntegration(plus.CloudId, "Acme Plus"), new ActivityIntegration(other.CloudId, "Other")], names);
    }

    [Fact]
    public async Task Versions_are_the_integrations_own_creates_and_updates_only_oldest_last()
    {
        var acme = Person();
        var plus = await CreateAsync(acme);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Integrations.CreateAsync(acme, new IntegrationInput(Field.Of("Other"), Field.Of("https://acme.com/other"), Field.Absent));
        await _db.Get<Portal.Data.Installations.InstallationService>().InstallOnTestSiteAsync(acme, plus.CloudId);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Integrations.UpdateAsync(acme, plus.CloudId, new IntegrationInput(Field.Absent, Field.Of("https://acme.com/1"), Field.Absent));

        var versions = await Events.ListVersionsAsync(acme, plus.CloudId, PageRequest.Default);

        Assert.Equal([EventKinds.IntegrationUpdated, EventKinds.IntegrationCreated], versions.Data.Select(v => v.Kind));
        Assert.All(versions.Data, v => Assert.Equal(plus.CloudId, v.IntegrationId));
    }

    [Fact]
    public async Task The_activitys_integrations_show_the_last_name_and_a_deleted_namesake_by_id()
    {
        var acme = Person();
        var first = await CreateAsync(acme);
        await Integrations.UpdateAsync(acme, first.CloudId, new IntegrationInput(Field.Of("Acme Plus 2"), Field.Absent, Field.Absent));
        await Integrations.DeleteAsync(acme, first.CloudId);
        var second = await Integrations.CreateAsync(acme, new IntegrationInput(Field.Of("Acme Plus 2"), Field.Of("https://acme.com/2"), Field.Absent));
        var third = await Integrations.CreateAsync(acme, new IntegrationInput(Field.Of("Acme Plus 3"), Field.Of("https://acme.com/3"), Field.Absent));
        await Integrations.UpdateAsync(acme, third.CloudId, new IntegrationInput(Field.Of("Acme Plus 1"), Field.Absent, Field.Absent));

        var names = await Events.ListActivityIntegrationsAsync(acme);

        var namesakes = new[] { first.CloudId, second.CloudId }.Order(StringComparer.Ordinal)
            .Select(id => new ActivityIntegration(id, "Acme Plus 2"));
        Assert.Equal([new ActivityIntegration(third.CloudId, "Acme Plus 1"), .. namesakes], names);
    }

    [Fact]
    public async Task A_tenant_is_refused_the_activity_with_the_message_and_a_foreign_integration_is_not_found()
    {
        var plus = await CreateAsync(Person());

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => Events.ListActivityIntegrationsAsync(NewTenant()));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Events.ListVersionsAsync(Person(), plus.CloudId, PageRequest.Default));

        Assert.Equal("Only the integrator who owns an integration reads its history and activity.", forbidden.Message);
        Assert.Equal("No integration was found with that id.", missing.Message);
    }

    private sealed class FailNextSave : SaveChangesInterceptor
    {
        private int _armed;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _armed, 0) == 1
                ? throw new DbUpdateException("The test failed this save.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
