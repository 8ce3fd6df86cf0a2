using Portal.Data;
using Portal.Data.Events;
using Portal.Data.Sites;

namespace Portal.Tests.Data;

public sealed class SiteServiceTests : ServiceTest
{
    [Fact]
    public async Task A_site_is_added_with_its_name_trimmed_and_a_sit_id()
    {
        var tenant = NewTenant();

        var site = await Sites.AddAsync(tenant, "  North barn  ");

        Assert.Equal("North barn", site.Name);
        Assert.Matches("^sit_[A-Za-z0-9]{32}$", site.CloudId);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, site.CreatedAt);
        Assert.Equal(site.CreatedAt, site.UpdatedAt);
        Assert.Equal(0, site.InstallationCount);
        Assert.Equal([site], await Sites.ListAsync(tenant));
    }

    [Theory]
    [InlineData(null, "missing", "name is required.")]
    [InlineData("", "missing", "name is required.")]
    [InlineData("   \t ", "missing", "name is required.")]
    [InlineData("North\u0007barn", "invalid", "name must not contain control characters.")]
    [InlineData("North\nbarn", "invalid", "name must not contain control characters.")]
    public async Task A_bad_name_is_refused_with_attribute_code_and_message(string? name, string code, string message)
    {
        var tenant = NewTenant();

        var failure = await InvalidAsync(() => Sites.AddAsync(tenant, name));

        Assert.Equal([new ValidationError("name", code, message)], failure.Errors);
        Assert.Empty(await Sites.ListAsync(tenant));
    }

    [Fact]
    public async Task Eighty_code_points_are_accepted_and_eighty_one_are_too_long()
    {
        var tenant = NewTenant();
        var eightyEmoji = string.Concat(Enumerable.Repeat("🐖", 80)); // 160 UTF-16 units, 80 characters

        var site = await Sites.AddAsync(tenant, eightyEmoji);
        var failure = await InvalidAsync(() => Sites.AddAsync(tenant, new string('a', 81)));

        Assert.Equal(eightyEmoji, site.Name);
        Assert.Equal([new ValidationError("name", "too_long", "name must be at most 80 characters.")], failure.Errors);
    }

    [Fact]
    public async Task Names_are_unique_per_tenant_case_insensitively_after_trimming()
    {
        var tenant = NewTenant();
        await Sites.AddAsync(tenant, "North Barn");

        var failure = await InvalidAsync(() => Sites.AddAsync(tenant, "  north barn "));

        Assert.Equal([new ValidationError("name", "taken", "name is already used by another of your farm sites.")], failure.Errors);
        Assert.Single(await Sites.ListAsync(tenant));
    }

    [Fact]
    public async Task Uniqueness_compares_non_ascii_letters_case_insensitively()
    {
        var tenant = NewTenant();
        await Sites.AddAsync(tenant, "Ærø farm");

        var failure = await InvalidAsync(() => Sites.AddAsync(tenant, "ÆRØ FARM"));

        Assert.Equal("taken", failure.Errors.Single().Code);
    }

    [Fact]
    public async Task Another_tenant_may_use_the_same_name()
    {
        await Sites.AddAsync(NewTenant(), "North barn");

        var other = await Sites.AddAsync(NewTenant(), "North barn");

        Assert.Equal("North barn", other.Name);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_name_give_one_site_and_taken_for_the_rest()
    {
        var tenant = NewTenant();
        await Sites.AddAsync(tenant, "First");

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Sites.AddAsync(tenant, "Raced");
                return "ok";
            }
            catch (ValidationFailedException ex)
            {
                return ex.Errors.Single().Code;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o == "ok");
        Assert.All(outcomes.Where(o => o != "ok"), o => Assert.Equal("taken", o));
        Assert.Equal(2, (await Sites.ListAsync(tenant)).Count);
    }

    [Fact]
    public async Task The_list_is_by_name_and_shows_only_the_tenants_own_sites()
    {
        var tenant = NewTenant();
        await Sites.AddAsync(tenant, "b site");
        await Sites.AddAsync(tenant, "A site");
        await Sites.AddAsync(NewTenant(), "Another tenant's site");

        var names = (await Sites.ListAsync(tenant)).Select(s => s.Name);

        Assert.Equal(["A site", "b site"], names);
    }

    [Fact]
    public async Task A_tenant_with_no_sites_lists_none()
    {
        Assert.Empty(await Sites.ListAsync(NewTenant()));
    }

    [Fact]
    public async Task Rename_follows_the_same_rules_and_keeps_the_id()
    {
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");
        await Sites.AddAsync(tenant, "South");
        Db.Clock.Advance(TimeSpan.FromSeconds(5));

        var taken = await InvalidAsync(() => Sites.RenameAsync(tenant, site.CloudId, "SOUTH"));
        var blank = await InvalidAsync(() => Sites.RenameAsync(tenant, site.CloudId, " "));
        var renamed = await Sites.RenameAsync(tenant, site.CloudId, " North barn ");

        Assert.Equal("taken", taken.Errors.Single().Code);
        Assert.Equal("missing", blank.Errors.Single().Code);
        Assert.Equal(site.CloudId, renamed.CloudId);
        Assert.Equal("North barn", renamed.Name);
        Assert.Equal(site.CreatedAt, renamed.CreatedAt);
        Assert.Equal(site.CreatedAt.AddSeconds(5), renamed.UpdatedAt);
    }

    [Fact]
    public async Task Renaming_to_another_case_of_its_own_name_is_allowed()
    {
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "north barn");

        var renamed = await Sites.RenameAsync(tenant, site.CloudId, "North Barn");

        Assert.Equal("North Barn", renamed.Name);
    }

    [Fact]
    public async Task Another_tenants_site_cannot_be_renamed_or_removed()
    {
        var owner = NewTenant();
        var site = await Sites.AddAsync(owner, "North");
        var intruder = NewTenant();

        await Assert.ThrowsAsync<NotFoundException>(() => Sites.RenameAsync(intruder, site.CloudId, "Mine"));
        await Assert.ThrowsAsync<NotFoundException>(() => Sites.RemoveAsync(intruder, site.CloudId));
        await Assert.ThrowsAsync<NotFoundException>(() => Sites.RemoveAsync(owner, "sit_unknown"));

        Assert.Equal("North", (await Sites.ListAsync(owner)).Single().Name);
    }

    [Fact]
    public async Task Only_tenants_manage_sites()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.ListAsync(Acme));
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.AddAsync(Acme, "North"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.RenameAsync(Acme, "sit_x", "North"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.RemoveAsync(Acme, "sit_x"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.EnsureTenantAsync(Acme, []));
        await Assert.ThrowsAsync<ForbiddenException>(() => Sites.ListAsync(Actor.Installation("inst_x", Guid.NewGuid())));
    }

    [Fact]
    public async Task A_removed_site_is_gone()
    {
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");

        await Sites.RemoveAsync(tenant, site.CloudId);

        Assert.Empty(await Sites.ListAsync(tenant));
        await Assert.ThrowsAsync<NotFoundException>(() => Sites.RemoveAsync(tenant, site.CloudId));
    }

    [Fact]
    public async Task Ensure_tenant_adds_the_initial_sites_the_first_time_only()
    {
        var tenant = NewTenant();

        await Sites.EnsureTenantAsync(tenant, ["North unit", "South unit"]);
        var removed = (await Sites.ListAsync(tenant))[0];
        await Sites.RemoveAsync(tenant, removed.CloudId);
        await Sites.EnsureTenantAsync(tenant, ["North unit", "South unit"]);

        Assert.Equal(["South unit"], (await Sites.ListAsync(tenant)).Select(s => s.Name));
    }

    [Fact]
    public async Task Ensure_tenant_with_no_initial_sites_starts_with_none()
    {
        var tenant = NewTenant();

        await Sites.EnsureTenantAsync(tenant, []);

        Assert.Empty(await Sites.ListAsync(tenant));
    }

    [Fact]
    public async Task A_tenant_that_added_a_site_first_gets_no_initial_sites_later()
    {
        var tenant = NewTenant();
        await Sites.AddAsync(tenant, "Own site");

        await Sites.EnsureTenantAsync(tenant, ["North unit"]);

        Assert.Equal(["Own site"], (await Sites.ListAsync(tenant)).Select(s => s.Name));
    }

    [Fact]
    public async Task Concurrent_first_uses_make_one_tenant_with_its_initial_sites_once()
    {
        var tenant = NewTenant();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Sites.EnsureTenantAsync(tenant, ["North unit", "South unit"]))));

        Assert.Equal(["North unit", "South unit"], (await Sites.ListAsync(tenant)).Select(s => s.Name));
    }

    [Fact]
    public async Task Invalid_initial_sites_are_refused()
    {
        var failure = await InvalidAsync(() => Sites.EnsureTenantAsync(NewTenant(), ["", "ok"]));

        Assert.Equal("missing", failure.Errors.Single().Code);
    }

    [Fact]
    public async Task Renaming_to_a_name_another_tenant_uses_is_allowed()
    {
        var tenant = NewTenant();
        var site = await Sites.AddAsync(tenant, "North");
        await Sites.AddAsync(NewTenant(), "South");

        var renamed = await Sites.RenameAsync(tenant, site.CloudId, "South");

        Assert.Equal("South", renamed.Name);
    }

    [Fact]
    public async Task A_renamed_site_still_counts_its_installations()
    {
        var tenant = NewTenant();
        var plus = await Service.CreateAsync(NewIntegrator(), Valid());
        await InstallOnNewSiteAsync(tenant, plus, "North");
        var site = (await Sites.ListAsync(tenant)).Single();
        await Sites.AddAsync(tenant, "South");

        var renamed = await Sites.RenameAsync(tenant, site.CloudId, "North barn");
        var unchanged = await Sites.RenameAsync(tenant, site.CloudId, "North barn");

        Assert.Equal(1, renamed.InstallationCount);
        Assert.Equal(1, unchanged.InstallationCount);
    }

    [Fact]
    public async Task A_missing_site_and_a_non_tenant_are_refused_with_their_messages()
    {
        var tenant = NewTenant();

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Sites.RenameAsync(tenant, "sit_unknown", "North"));
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => Sites.ListAsync(Acme));

        Assert.Equal("No farm site was found with that id.", missing.Message);
        Assert.Equal("Only tenants manage farm sites.", forbidden.Message);
    }

    [Fact]
    public async Task Live_pages_are_told_of_every_site_change()
    {
        var tenant = NewTenant();
        var received = new List<(string Kind, string? Name)>();
        using var _ = Db.Get<ChangeFeed>().Subscribe(e => e.TenantUserId == tenant.UserId, e =>
        {
            received.Add((e.Kind, e.Changes.Single().After ?? e.Changes.Single().Before));
            return Task.CompletedTask;
        });

        await Sites.EnsureTenantAsync(tenant, ["North unit"]);
        var site = await Sites.AddAsync(tenant, "South");
        await Sites.RenameAsync(tenant, site.CloudId, "South barn");
        await Sites.RemoveAsync(tenant, site.CloudId);

        Assert.Equal(
            [(EventKinds.SiteAdded, "North unit"), (EventKinds.SiteAdded, "South"), (EventKinds.SiteRenamed, "South barn"), (EventKinds.SiteRemoved, "South barn")],
            received);
    }
}
