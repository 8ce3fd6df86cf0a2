using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Paging;

namespace Portal.Tests.Data;

public sealed class InstallationServiceTests : ServiceTest
{
    [Fact]
    public async Task A_tenant_installs_an_integration_on_its_sites()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var north = await Sites.AddAsync(tenant, "North");
        var south = await Sites.AddAsync(tenant, "South");

        var installed = await Installations.InstallAsync(tenant, plus.CloudId, [south.CloudId, north.CloudId]);

        Assert.Equal(["North", "South"], installed.Select(i => i.Site.Name));
        Assert.All(installed, i =>
        {
            Assert.Matches("^inst_[A-Za-z0-9]{32}$", i.CloudId);
            Assert.Equal(plus.CloudId, i.IntegrationId);
            Assert.Equal("Acme Plus", i.IntegrationName);
            Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, i.CreatedAt);
        });
        Assert.Equal(installed, await Installations.ListForTenantAsync(tenant));
        Assert.Equal(2, await Service.CountInstallationsAsync(Acme, plus.CloudId));
    }

    [Fact]
    public async Task Installing_again_on_the_same_site_keeps_the_one_installation()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var first = await InstallOnNewSiteAsync(tenant, plus);
        var site = (await Sites.ListAsync(tenant)).Single();
        Db.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await Installations.InstallAsync(tenant, plus.CloudId, [site.CloudId, site.CloudId]);

        Assert.Equal([first], again);
        Assert.Equal(1, await Service.CountInstallationsAsync(Acme, plus.CloudId));
    }

    [Fact]
    public async Task Sixteen_parallel_installs_of_one_site_make_one_installation_and_no_error()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => Installations.InstallAsync(tenant, plus.CloudId, [site.CloudId]))));

        var id = Assert.Single(results.SelectMany(r => r).Select(i => i.CloudId).Distinct());
        Assert.Equal(id, (await Installations.ListForTenantAsync(tenant)).Single().CloudId);
        Assert.Equal(1, await Service.CountInstallationsAsync(Acme, plus.CloudId));
    }

    [Fact]
    public async Task Installing_needs_a_site_of_the_tenants_own_and_an_existing_integration()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var mine = await Sites.AddAsync(tenant, "Mine");
        var theirs = await Sites.AddAsync(NewTenant(), "Theirs");

        var none = await InvalidAsync(() => Installations.InstallAsync(tenant, plus.CloudId, []));
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.InstallAsync(tenant, plus.CloudId, [mine.CloudId, theirs.CloudId]));
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.InstallAsync(tenant, "int_unknown", [mine.CloudId]));

        Assert.Equal("site_ids", none.Errors.Single().Attribute);
        Assert.Equal(0, await Service.CountInstallationsAsync(Acme, plus.CloudId));
    }

    [Fact]
    public async Task A_tenant_installs_any_integrators_integration_from_the_catalog()
    {
        var theirs = await CreateAsync(Globex, "Globex Feed");
        var tenant = NewTenant();

        var installed = await InstallOnNewSiteAsync(tenant, theirs);

        Assert.Equal("Globex Feed", installed.IntegrationName);
    }

    [Fact]
    public async Task Install_targets_show_every_site_of_the_tenant_and_where_it_is_installed()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var other = await CreateAsync(Acme, "Other");
        var tenant = NewTenant();
        var installed = await InstallOnNewSiteAsync(tenant, plus, "North");
        await InstallOnNewSiteAsync(tenant, other, "South");
        await Sites.AddAsync(NewTenant(), "Not mine");

        var targets = await Installations.ListInstallTargetsAsync(tenant, plus.CloudId);

        Assert.Equal(
            [("North", installed.CloudId), ("South", (string?)null)],
            targets.Select(t => (t.Site.Name, t.InstallationId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.ListInstallTargetsAsync(tenant, "int_unknown"));
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_installations_and_cannot_uninstall_anothers()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var other = NewTenant();
        var mine = await InstallOnNewSiteAsync(tenant, plus);
        var theirs = await InstallOnNewSiteAsync(other, plus);

        await Assert.ThrowsAsync<NotFoundException>(() => Installations.UninstallAsync(tenant, theirs.CloudId));

        Assert.Equal([mine], await Installations.ListForTenantAsync(tenant));
        Assert.Equal([theirs], await Installations.ListForTenantAsync(other));
    }

    [Fact]
    public async Task Uninstall_removes_the_installation_and_its_access_keys_only()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var doomed = await InstallOnNewSiteAsync(tenant, plus, "North");
        var kept = await InstallOnNewSiteAsync(tenant, plus, "South");
        var doomedKey = await AccessKeys.CreateAsync(Acme, doomed.CloudId);
        var keptKey = await AccessKeys.CreateAsync(Acme, kept.CloudId);

        await Installations.UninstallAsync(tenant, doomed.CloudId);

        Assert.Equal([kept], await Installations.ListForTenantAsync(tenant));
        Assert.Null(await AccessKeys.AuthenticateAsync(doomedKey.Secret));
        Assert.NotNull(await AccessKeys.AuthenticateAsync(keptKey.Secret));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.GetAsync(Acme, doomedKey.Key.Id.ToString()));
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.UninstallAsync(tenant, doomed.CloudId));
    }

    [Fact]
    public async Task Removing_a_site_uninstalls_everything_on_it_and_deletes_their_keys()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var feed = await CreateAsync(Globex, "Globex Feed");
        var tenant = NewTenant();
        var north = await Sites.AddAsync(tenant, "North");
        var onNorth = await Installations.InstallAsync(tenant, plus.CloudId, [north.CloudId]);
        await Installations.InstallAsync(tenant, feed.CloudId, [north.CloudId]);
        var elsewhere = await InstallOnNewSiteAsync(tenant, plus, "South");
        var key = await AccessKeys.CreateAsync(Acme, onNorth.Single().CloudId);
        var keptKey = await AccessKeys.CreateAsync(Acme, elsewhere.CloudId);
        Assert.Equal(2, (await Sites.ListAsync(tenant)).Single(s => s.Name == "North").InstallationCount);

        await Sites.RemoveAsync(tenant, north.CloudId);

        Assert.Equal([elsewhere], await Installations.ListForTenantAsync(tenant));
        Assert.Equal(0, await Service.CountInstallationsAsync(Globex, feed.CloudId));
        Assert.Null(await AccessKeys.AuthenticateAsync(key.Secret));
        Assert.NotNull(await AccessKeys.AuthenticateAsync(keptKey.Secret));
    }

    [Fact]
    public async Task Deleting_an_integration_removes_its_installations_and_their_keys_only()
    {
        var doomed = await CreateAsync(Acme, "Doomed");
        var kept = await CreateAsync(Acme, "Kept");
        var tenant = NewTenant();
        var north = await Sites.AddAsync(tenant, "North");
        var south = await Sites.AddAsync(tenant, "South");
        var installed = await Installations.InstallAsync(tenant, doomed.CloudId, [north.CloudId, south.CloudId]);
        var keptInstallation = (await Installations.InstallAsync(tenant, kept.CloudId, [north.CloudId])).Single();
        var doomedKey = await AccessKeys.CreateAsync(Acme, installed[0].CloudId);
        var keptKey = await AccessKeys.CreateAsync(Acme, keptInstallation.CloudId);
        Assert.Equal(2, await Service.CountInstallationsAsync(Acme, doomed.CloudId));

        await Service.DeleteAsync(Acme, doomed.CloudId);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, doomed.CloudId));
        Assert.Equal(1, await Service.CountInstallationsAsync(Acme, kept.CloudId));
        Assert.Equal([keptInstallation], await Installations.ListForTenantAsync(tenant));
        Assert.Null(await AccessKeys.AuthenticateAsync(doomedKey.Secret));
        Assert.NotNull(await AccessKeys.AuthenticateAsync(keptKey.Secret));
        Assert.Equal(2, (await Sites.ListAsync(tenant)).Count); // the sites stay
    }

    [Fact]
    public async Task The_integrator_lists_installations_with_tenant_and_site()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant("Hillside Pig Farm");
        var installed = await InstallOnNewSiteAsync(tenant, plus, "Site 1");

        var page = await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Default));

        var only = Assert.Single(page.Data);
        Assert.Equal(installed.CloudId, only.CloudId);
        Assert.Equal("Hillside Pig Farm", only.Tenant.Name);
        Assert.Matches("^te_[A-Za-z0-9]{32}$", only.Tenant.CloudId);
        Assert.Equal(new SiteRef((await Sites.ListAsync(tenant)).Single().CloudId, "Site 1"), only.Site);
        Assert.Equal(installed.CreatedAt, only.CreatedAt);
        Assert.Equal(only.CreatedAt, only.UpdatedAt);
        Assert.False(only.IsTest);
    }

    [Fact]
    public async Task Another_integrators_or_an_unknown_integration_lists_not_found()
    {
        var theirs = await CreateAsync(Globex, "Globex Feed");
        await InstallOnNewSiteAsync(NewTenant(), theirs);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            Installations.ListForIntegrationAsync(Acme, theirs.CloudId, new InstallationListQuery(PageRequest.Default)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Installations.ListForIntegrationAsync(Acme, "int_unknown", new InstallationListQuery(PageRequest.Default)));
    }

    [Fact]
    public async Task No_installations_is_an_empty_page()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");

        var page = await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Default));

        Assert.Empty(page.Data);
        Assert.Equal(new PageMeta(0, 0, 100, 1, null, null, true, true, false, 0), page.Meta);
    }

    [Fact]
    public async Task The_list_is_by_update_time_newest_first_and_a_rename_moves_an_installation_up()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var first = NewTenant("First farm");
        var second = NewTenant("Second farm");
        var a = await InstallOnNewSiteAsync(first, plus, "A");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        var b = await InstallOnNewSiteAsync(second, plus, "B");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await InstallOnNewSiteAsync(first, plus, "C");
        Assert.Equal([c.CloudId, b.CloudId, a.CloudId], await IdsAsync(plus));

        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Sites.RenameAsync(first, (await Sites.ListAsync(first)).Single(s => s.Name == "A").CloudId, "A renamed");
        Assert.Equal([a.CloudId, c.CloudId, b.CloudId], await IdsAsync(plus));
        var renamed = (await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Default))).Data[0];
        Assert.Equal("A renamed", renamed.Site.Name);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, renamed.UpdatedAt);

        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Sites.EnsureTenantAsync(second with { Name = "Second farm, renamed" }, []);
        var top = (await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Default))).Data[0];
        Assert.Equal(b.CloudId, top.CloudId);
        Assert.Equal("Second farm, renamed", top.Tenant.Name);
    }

    [Fact]
    public async Task Ties_in_update_time_list_the_newest_created_first()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var a = await InstallOnNewSiteAsync(tenant, plus, "A");
        var b = await InstallOnNewSiteAsync(tenant, plus, "B");
        var c = await InstallOnNewSiteAsync(tenant, plus, "C");

        Assert.Equal([c.CloudId, b.CloudId, a.CloudId], await IdsAsync(plus));
    }

    [Fact]
    public async Task Pages_and_meta_follow_the_integrations_list()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        for (var i = 1; i <= 5; i++)
        {
            await InstallOnNewSiteAsync(tenant, plus, $"Site {i}");
            Db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var second = await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Of(2, 2)));
        var beyond = await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Of(4, 2)));

        Assert.Equal(["Site 3", "Site 2"], second.Data.Select(i => i.Site.Name));
        Assert.Equal(new PageMeta(5, 3, 2, 2, 3, 1, false, false, false, 2), second.Meta);
        Assert.Empty(beyond.Data);
        Assert.Equal(new PageMeta(5, 3, 2, 4, null, null, false, false, true, 0), beyond.Meta);
    }

    [Theory]
    [InlineData("hillside", new[] { "North" })]
    [InlineData("SOUTH", new[] { "South" })]
    [InlineData("farm", new[] { "South", "North" })]
    [InlineData("50%", new[] { "50% barn" })]
    [InlineData("a_b", new[] { "a_b" })]
    [InlineData("\\", new[] { "back\\slash" })]
    [InlineData("nothing like it", new string[0])]
    public async Task Search_matches_the_tenant_or_site_name_with_wildcards_taken_literally(string search, string[] expectedSites)
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var hillside = NewTenant("Hillside Farm");
        var valley = NewTenant("Valley Farm");
        await InstallOnNewSiteAsync(hillside, plus, "North");
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await InstallOnNewSiteAsync(valley, plus, "South");
        var plain = NewTenant("Plain");
        await InstallOnNewSiteAsync(plain, plus, "50% barn");
        await InstallOnNewSiteAsync(plain, plus, "axb");
        await InstallOnNewSiteAsync(plain, plus, "a_b");
        await InstallOnNewSiteAsync(plain, plus, "back\\slash");
        await InstallOnNewSiteAsync(plain, plus, "5000 barn");

        var page = await Installations.ListForIntegrationAsync(Acme, plus.CloudId,
            new InstallationListQuery(PageRequest.Default) { Search = search });

        Assert.Equal(expectedSites.Order(), page.Data.Select(i => i.Site.Name).Order());
        Assert.Equal(expectedSites.Length, page.Meta.Total);
    }

    [Fact]
    public async Task Only_integrators_list_installations_and_only_tenants_install()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var installation = Actor.Installation("inst_x", Guid.NewGuid());

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Installations.ListForIntegrationAsync(tenant, plus.CloudId, new InstallationListQuery(PageRequest.Default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.InstallOnTestSiteAsync(tenant, plus.CloudId));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.InstallAsync(Acme, plus.CloudId, ["sit_x"]));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.ListForTenantAsync(Acme));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.ListInstallTargetsAsync(Acme, plus.CloudId));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.UninstallAsync(Acme, "inst_x"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.InstallAsync(installation, plus.CloudId, ["sit_x"]));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.GetCurrentAsync(Acme));
        await Assert.ThrowsAsync<ForbiddenException>(() => Installations.GetCurrentAsync(tenant));
    }

    [Fact]
    public async Task The_test_site_is_a_sandbox_tenant_named_after_the_integrator_with_one_site()
    {
        var integrator = NewIntegrator("Acme Farms Software");
        var plus = await CreateAsync(integrator, "Acme Plus");
        var other = await CreateAsync(integrator, "Acme Other");

        var installed = await Installations.InstallOnTestSiteAsync(integrator, plus.CloudId);
        var again = await Installations.InstallOnTestSiteAsync(integrator, plus.CloudId);
        var second = await Installations.InstallOnTestSiteAsync(integrator, other.CloudId);

        Assert.True(installed.IsTest);
        Assert.Equal("Acme Farms Software", installed.Tenant.Name);
        Assert.Equal(InstallationService.TestSiteName, installed.Site.Name);
        Assert.Equal(installed, again);
        Assert.Equal(installed.Site, second.Site);
        Assert.Equal(installed.Tenant, second.Tenant);
        var listed = (await Installations.ListForIntegrationAsync(integrator, plus.CloudId, new InstallationListQuery(PageRequest.Default))).Data;
        Assert.Equal([installed], listed);
    }

    [Fact]
    public async Task Each_integrator_has_its_own_test_site_for_its_own_integrations_only()
    {
        var acme = NewIntegrator("Acme");
        var globex = NewIntegrator("Globex");
        var plus = await CreateAsync(acme, "Acme Plus");
        var feed = await CreateAsync(globex, "Globex Feed");

        var acmes = await Installations.InstallOnTestSiteAsync(acme, plus.CloudId);
        var globexs = await Installations.InstallOnTestSiteAsync(globex, feed.CloudId);

        Assert.NotEqual(acmes.Tenant.CloudId, globexs.Tenant.CloudId);
        Assert.Equal("Globex", globexs.Tenant.Name);
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.InstallOnTestSiteAsync(acme, feed.CloudId));
        await Assert.ThrowsAsync<NotFoundException>(() => Installations.UninstallFromTestSiteAsync(acme, globexs.CloudId));
    }

    [Fact]
    public async Task Parallel_first_uses_of_the_test_site_make_one_sandbox_one_site_one_installation()
    {
        var integrator = NewIntegrator();
        var plus = await CreateAsync(integrator, "Acme Plus");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Installations.InstallOnTestSiteAsync(integrator, plus.CloudId))));

        Assert.Single(results.Select(r => r.CloudId).Distinct());
        Assert.Single(results.Select(r => r.Site.CloudId).Distinct());
    }

    [Fact]
    public async Task Uninstalling_from_the_test_site_removes_it_and_its_keys_but_never_a_tenants_installation()
    {
        var integrator = NewIntegrator();
        var plus = await CreateAsync(integrator, "Acme Plus");
        var test = await Installations.InstallOnTestSiteAsync(integrator, plus.CloudId);
        var real = await InstallOnNewSiteAsync(NewTenant(), plus);
        var key = await AccessKeys.CreateAsync(integrator, test.CloudId);

        await Assert.ThrowsAsync<NotFoundException>(() => Installations.UninstallFromTestSiteAsync(integrator, real.CloudId));
        await Installations.UninstallFromTestSiteAsync(integrator, test.CloudId);

        var left = (await Installations.ListForIntegrationAsync(integrator, plus.CloudId, new InstallationListQuery(PageRequest.Default))).Data;
        Assert.Equal([real.CloudId], left.Select(i => i.CloudId));
        Assert.Null(await AccessKeys.AuthenticateAsync(key.Secret));
    }

    [Fact]
    public async Task The_sandbox_tenant_takes_the_integrators_current_name()
    {
        var integrator = NewIntegrator("Old name");
        var plus = await CreateAsync(integrator, "Acme Plus");
        await Installations.InstallOnTestSiteAsync(integrator, plus.CloudId);

        var renamed = await Installations.InstallOnTestSiteAsync(integrator with { Name = "New name" }, plus.CloudId);

        Assert.Equal("New name", renamed.Tenant.Name);
    }

    [Fact]
    public async Task The_current_installation_has_the_integrations_current_values_and_the_keys_last_activity()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var installed = await InstallOnNewSiteAsync(tenant, plus, "Site 1");
        var key = await AccessKeys.CreateAsync(Acme, installed.CloudId);
        await Service.UpdateAsync(Acme, plus.CloudId, Patch(name: Portal.Data.Integrations.Field.Of("Acme Plus 2")));
        var identity = (await AccessKeys.AuthenticateAsync(key.Secret))!;

        var current = await Installations.GetCurrentAsync(Actor.Installation(identity.InstallationId, identity.AccessKeyId));

        Assert.Equal(installed.CloudId, current.CloudId);
        Assert.Equal("Acme Plus 2", current.Integration.Name);
        Assert.Equal(installed.Site, current.Site);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, current.KeyLastActiveAt);
    }

    private async Task<string[]> IdsAsync(Portal.Data.Integrations.IntegrationData integration) =>
        (await Installations.ListForIntegrationAsync(Acme, integration.CloudId, new InstallationListQuery(PageRequest.Default)))
            .Data.Select(i => i.CloudId).ToArray();

    [Fact]
    public async Task A_sites_installations_are_listed_oldest_first()
    {
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");
        var later = await CreateAsync(Acme, "Installed later");
        var earliest = await CreateAsync(Acme, "Installed first");
        var sameInstant = await CreateAsync(Acme, "Installed at the same instant");
        await Installations.InstallAsync(tenant, earliest.CloudId, [site.CloudId]);
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Installations.InstallAsync(tenant, later.CloudId, [site.CloudId]);
        await Installations.InstallAsync(tenant, sameInstant.CloudId, [site.CloudId]);

        var listed = await Installations.ListForTenantAsync(tenant);

        Assert.Equal(["Installed first", "Installed later", "Installed at the same instant"], listed.Select(i => i.IntegrationName));
    }

    [Fact]
    public async Task What_is_not_found_or_not_allowed_is_said_in_words()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();

        var noSites = await Assert.ThrowsAsync<ValidationFailedException>(() => Installations.InstallAsync(tenant, plus.CloudId, []));
        var noSite = await Assert.ThrowsAsync<NotFoundException>(() => Installations.InstallAsync(tenant, plus.CloudId, ["sit_unknown"]));
        var noIntegration = await Assert.ThrowsAsync<NotFoundException>(() => Installations.ListInstallTargetsAsync(tenant, "int_unknown"));
        var notOwned = await Assert.ThrowsAsync<NotFoundException>(() =>
            Installations.ListForIntegrationAsync(Globex, plus.CloudId, new InstallationListQuery(PageRequest.Default)));
        var noInstallation = await Assert.ThrowsAsync<NotFoundException>(() => Installations.UninstallAsync(tenant, "inst_unknown"));
        var goneInstallation = await Assert.ThrowsAsync<NotFoundException>(() =>
            Installations.GetCurrentAsync(Actor.Installation("inst_unknown", Guid.NewGuid())));
        var integratorInstalls = await Assert.ThrowsAsync<ForbiddenException>(() => Installations.InstallAsync(Acme, plus.CloudId, ["sit_x"]));
        var tenantTests = await Assert.ThrowsAsync<ForbiddenException>(() => Installations.InstallOnTestSiteAsync(tenant, plus.CloudId));
        var notAnInstallation = await Assert.ThrowsAsync<ForbiddenException>(() => Installations.GetCurrentAsync(tenant));

        Assert.Equal([("site_ids", ValidationCodes.Missing, "Choose at least one farm site.")],
            noSites.Errors.Select(e => (e.Attribute, e.Code, e.Message)));
        Assert.Equal("No farm site was found with that id.", noSite.Message);
        Assert.Equal("No integration was found with that id.", noIntegration.Message);
        Assert.Equal("No integration was found with that id.", notOwned.Message);
        Assert.Equal("No installation was found with that id.", noInstallation.Message);
        Assert.Equal("No installation was found with that id.", goneInstallation.Message);
        Assert.Equal("Only tenants install and uninstall integrations on their farm sites.", integratorInstalls.Message);
        Assert.Equal("Only the integrator who owns an integration sees its installations and manages their access keys.", tenantTests.Message);
        Assert.Equal(
            "GET /api/integration answers for an installation: authenticate as an installation with one of its access keys.",
            notAnInstallation.Message);
    }

    [Fact]
    public async Task Live_pages_are_told_of_an_install_and_an_uninstall()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");
        var received = new List<(string Kind, string SubjectId)>();
        using var _ = Db.Get<ChangeFeed>().Subscribe(e => e.OwnerId == Acme.UserId, e =>
        {
            received.Add((e.Kind, e.SubjectId));
            return Task.CompletedTask;
        });

        var installed = (await Installations.InstallAsync(tenant, plus.CloudId, [site.CloudId])).Single();
        await Installations.InstallAsync(tenant, plus.CloudId, [site.CloudId]); // already there: nothing to tell
        await Installations.UninstallAsync(tenant, installed.CloudId);

        Assert.Equal([(EventKinds.InstallationCreated, installed.CloudId), (EventKinds.InstallationDeleted, installed.CloudId)], received);
    }

    [Fact]
    public async Task Installations_updated_at_once_are_listed_newest_created_first()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var tenant = NewTenant();
        var older = await Sites.AddAsync(tenant, "Older");
        var newer = await Sites.AddAsync(tenant, "Newer");
        await Installations.InstallAsync(tenant, plus.CloudId, [older.CloudId]);
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Installations.InstallAsync(tenant, plus.CloudId, [newer.CloudId]);
        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Sites.RenameAsync(tenant, newer.CloudId, "Newer barn"); // renaming a site updates its installations
        await Sites.RenameAsync(tenant, older.CloudId, "Older barn");

        var page = await Installations.ListForIntegrationAsync(Acme, plus.CloudId, new InstallationListQuery(PageRequest.Default));

        Assert.Equal(["Newer barn", "Older barn"], page.Data.Select(i => i.Site.Name));
        Assert.Single(page.Data.Select(i => i.UpdatedAt).Distinct());
    }

    [Fact]
    public async Task Only_an_integrator_uninstalls_from_its_test_site()
    {
        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Installations.UninstallFromTestSiteAsync(NewTenant(), "inst_unknown"));

        Assert.Equal("Only the integrator who owns an integration sees its installations and manages their access keys.", error.Message);
    }
}
