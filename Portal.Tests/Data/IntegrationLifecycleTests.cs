using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

public sealed class IntegrationLifecycleTests : ServiceTest
{
    [Fact]
    public async Task Create_gives_a_cloud_id_of_int_and_32_base62_characters_and_equal_timestamps()
    {
        var created = await Service.CreateAsync(Acme, Valid(description: "Integrate Gestal Cloud with Acme Plus notification service."));

        Assert.Matches("^int_[A-Za-z0-9]{32}$", created.CloudId);
        Assert.Equal(new DateTime(2001, 1, 1, 1, 1, 1, DateTimeKind.Utc), created.CreatedAt);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        Assert.Equal(created, await Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task Cloud_ids_are_distinct()
    {
        var a = await CreateAsync(Acme, "A");
        var b = await CreateAsync(Acme, "B");

        Assert.NotEqual(a.CloudId, b.CloudId);
    }

    [Fact]
    public async Task Patch_with_only_url_leaves_name_and_description_unchanged_and_moves_updated_at()
    {
        var created = await Service.CreateAsync(Acme, Valid(description: "Notifications."));
        Db.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/products/another-url")));

        Assert.Equal(("Acme Plus", "https://acme.com/products/another-url", "Notifications."), (updated.Name, updated.Url, updated.Description));
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(created.CreatedAt.AddMinutes(5), updated.UpdatedAt);
        Assert.Equal(updated, await Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task Patch_that_changes_nothing_leaves_updated_at_and_etag()
    {
        var created = await Service.CreateAsync(Acme, Valid());
        Db.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(name: Field.Of(" Acme Plus "), url: Field.Of(created.Url)));

        Assert.Equal(created.UpdatedAt, updated.UpdatedAt);
        Assert.Equal(created.ETag, updated.ETag);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("url")]
    public async Task Patch_cannot_clear_name_or_url(string attribute)
    {
        var created = await Service.CreateAsync(Acme, Valid());
        var patch = attribute == "name" ? Patch(name: Field.Null) : Patch(url: Field.Null);

        var error = await InvalidAsync(() => Service.UpdateAsync(Acme, created.CloudId, patch));

        Assert.Equal((attribute, "invalid"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
        Assert.Equal(created, await Service.GetAsync(Acme, created.CloudId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Patch_with_null_or_empty_description_clears_it(string? cleared)
    {
        var created = await Service.CreateAsync(Acme, Valid(description: "Something"));

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(description: cleared is null ? Field.Null : Field.Of(cleared)));

        Assert.Null(updated.Description);
    }

    [Fact]
    public async Task Patch_to_a_name_another_integration_has_is_taken_but_renaming_own_case_is_fine()
    {
        await CreateAsync(Acme, "First");
        var second = await CreateAsync(Acme, "Second");

        var error = await InvalidAsync(() => Service.UpdateAsync(Acme, second.CloudId, Patch(name: Field.Of("first"))));
        var renamed = await Service.UpdateAsync(Acme, second.CloudId, Patch(name: Field.Of("SECOND")));

        Assert.Equal("taken", error.Errors.Single().Code);
        Assert.Equal("SECOND", renamed.Name);
    }

    [Fact]
    public async Task Patch_with_a_stale_if_match_fails_and_changes_nothing()
    {
        var created = await Service.CreateAsync(Acme, Valid());
        var changedByScript = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/script")));

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/form")), IfMatch.For(created)));

        Assert.Equal(changedByScript, await Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task Patch_with_the_current_if_match_or_a_star_applies()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        var first = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/1")), IfMatch.For(created));
        var second = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/2")), IfMatch.Parse("*"));

        Assert.Equal("https://acme.com/1", first.Url);
        Assert.Equal("https://acme.com/2", second.Url);
        Assert.NotEqual(created.ETag, first.ETag);
    }

    [Fact]
    public async Task A_weak_etag_never_satisfies_if_match()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.DeleteAsync(Acme, created.CloudId, IfMatch.Parse("W/" + created.ETag)));
    }

    [Fact]
    public async Task Another_integrators_id_behaves_as_missing()
    {
        var theirs = await Service.CreateAsync(Globex, Valid());

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, theirs.CloudId));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.UpdateAsync(Acme, theirs.CloudId, Patch(url: Field.Of("https://evil.com"))));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteAsync(Acme, theirs.CloudId));
        Assert.Equal(theirs, await Service.GetAsync(Globex, theirs.CloudId));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, "int_doesnotexist"));
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_keeps_the_integration()
    {
        var created = await Service.CreateAsync(Acme, Valid());
        await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/new")));

        await Assert.ThrowsAsync<PreconditionFailedException>(() => Service.DeleteAsync(Acme, created.CloudId, IfMatch.For(created)));

        Assert.Equal("https://acme.com/new", (await Service.GetAsync(Acme, created.CloudId)).Url);
    }

    [Fact]
    public async Task Concurrent_creates_with_the_same_name_give_exactly_one_success()
    {
        var attempts = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Service.CreateAsync(Acme, Valid(name: "Race"));
                return "created";
            }
            catch (ValidationFailedException e) when (e.Errors.Single().Code == ValidationCodes.Taken)
            {
                return "taken";
            }
        }));

        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o == "created");
        Assert.Equal(11, outcomes.Count(o => o == "taken"));
        Assert.Equal(1, (await ListAsync(Acme, 1, 10)).Meta.Total);
    }

    [Fact]
    public async Task Tenants_cannot_read_change_or_delete_through_the_integrator_methods()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GetAsync(Farm, created.CloudId));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(Farm, created.CloudId, Patch(url: Field.Of("https://x.com"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.DeleteAsync(Farm, created.CloudId));
        Assert.Equal(created, await Service.GetCatalogEntryAsync(Farm, created.CloudId) with { Publisher = null });
    }

    [Fact]
    public async Task Each_change_raises_the_version_by_one()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/1")));
        var second = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/2")));

        Assert.Equal(created.Version + 2, second.Version);
        Assert.Equal(second, await Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task A_missing_integration_in_the_list_or_the_catalog_and_a_tenant_are_refused_with_their_messages()
    {
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, "int_doesnotexist"));
        var missingFromCatalog = await Assert.ThrowsAsync<NotFoundException>(() => Service.GetCatalogEntryAsync(Farm, "int_doesnotexist"));
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => Service.GetAsync(Farm, "int_doesnotexist"));

        Assert.Equal("No integration was found with that id.", missing.Message);
        Assert.Equal("No integration was found with that id.", missingFromCatalog.Message);
        Assert.Equal("Only integrators can manage integrations. Tenants can browse the catalog.", forbidden.Message);
    }
}
