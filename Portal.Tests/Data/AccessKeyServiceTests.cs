using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Events;
using Portal.Data.Installations;
using Portal.Data.Paging;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

public sealed class AccessKeyServiceTests : ServiceTest
{
    [Fact]
    public async Task A_new_key_shows_its_secret_once_and_is_obfuscated_everywhere_else()
    {
        var installation = await InstallationAsync();

        var created = await AccessKeys.CreateAsync(Acme, installation.CloudId);

        Assert.Matches("^ak_[A-Za-z0-9]{32}$", created.Secret);
        var obfuscated = "ak_" + new string('x', 28) + created.Secret[^4..];
        Assert.Equal(obfuscated, created.Key.AccessKey);
        Assert.Equal(created.Secret.Length, created.Key.AccessKey.Length);
        Assert.Null(created.Key.LastActiveAt);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, created.Key.CreatedAt);
        Assert.Equal(created.Key, await AccessKeys.GetAsync(Acme, created.Key.Id.ToString()));
        Assert.Equal([created.Key], (await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Default)).Data);
    }

    [Fact]
    public void Obfuscation_keeps_only_the_last_four_characters()
    {
        Assert.Equal("ak_xxxxxxxxxxxxxxxxxxxxxxxxxxxx7890", AccessKeyService.Obfuscate("7890"));
    }

    [Fact]
    public async Task Only_the_hash_and_the_last_four_are_stored()
    {
        var created = await AccessKeys.CreateAsync(Acme, (await InstallationAsync()).CloudId);

        await using var connection = await TestDatabase.OpenConnectionAsync(Db.ConnectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM access_keys";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var values = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)) ?? "").ToList();
        Assert.DoesNotContain(values, v => v.Contains(created.Secret[3..], StringComparison.Ordinal));
        Assert.Contains(AccessKeyService.Hash(created.Secret), values);
        Assert.Contains(created.Secret[^4..], values);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Attributes_sent_to_a_create_are_each_unknown_and_create_nothing()
    {
        var installation = await InstallationAsync();

        var failure = await InvalidAsync(() => AccessKeys.CreateAsync(Acme, installation.CloudId, ["name", "expires_at"]));

        Assert.Equal(["name", "expires_at"], failure.Errors.Select(e => e.Attribute));
        Assert.All(failure.Errors, e => Assert.Equal("unknown_attribute", e.Code));
        Assert.Contains("takes no attributes", failure.Errors[0].Message);
        Assert.Empty((await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Default)).Data);
    }

    [Fact]
    public async Task An_unknown_installation_is_not_found_before_its_attributes_are_judged()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.CreateAsync(Acme, "inst_unknown", ["name"]));
    }

    [Fact]
    public async Task A_key_authenticates_as_its_installation()
    {
        var installation = await InstallationAsync();
        var created = await AccessKeys.CreateAsync(Acme, installation.CloudId);

        var identity = await AccessKeys.AuthenticateAsync(created.Secret);

        Assert.Equal(new AccessKeyIdentity(created.Key.Id, installation.CloudId), identity);
    }

    [Theory]
    [InlineData("ak_")]
    [InlineData("ak_0000000000000000000000000000000")]
    [InlineData("ak_00000000000000000000000000000000")]
    [InlineData("ak_000000000000000000000000000000000")]
    [InlineData("ak_0000000000000000000000000000000!")]
    [InlineData("gcp_0000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task Unknown_or_malformed_secrets_do_not_authenticate(string secret)
    {
        await AccessKeys.CreateAsync(Acme, (await InstallationAsync()).CloudId);

        Assert.Null(await AccessKeys.AuthenticateAsync(secret));
    }

    [Fact]
    public async Task Last_active_is_set_by_the_first_use_then_at_most_once_a_minute()
    {
        var created = await AccessKeys.CreateAsync(Acme, (await InstallationAsync()).CloudId);
        var id = created.Key.Id.ToString();
        Db.Clock.Advance(TimeSpan.FromSeconds(10));
        var firstUse = Db.Clock.GetUtcNow().UtcDateTime;

        await AccessKeys.AuthenticateAsync(created.Secret);
        Assert.Equal(firstUse, (await AccessKeys.GetAsync(Acme, id)).LastActiveAt);

        Db.Clock.Advance(TimeSpan.FromSeconds(59));
        await AccessKeys.AuthenticateAsync(created.Secret);
        Assert.Equal(firstUse, (await AccessKeys.GetAsync(Acme, id)).LastActiveAt);

        Db.Clock.Advance(TimeSpan.FromSeconds(1));
        await AccessKeys.AuthenticateAsync(created.Secret);
        var key = await AccessKeys.GetAsync(Acme, id);
        Assert.Equal(firstUse.AddMinutes(1), key.LastActiveAt);
        Assert.Equal(created.Key.CreatedAt, key.CreatedAt); // using a key is not an update
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paged()
    {
        var installation = await InstallationAsync();
        var keys = new List<AccessKeyData>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add((await AccessKeys.CreateAsync(Acme, installation.CloudId)).Key);
            Db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var tie = (await AccessKeys.CreateAsync(Acme, installation.CloudId)).Key;
        var tieToo = (await AccessKeys.CreateAsync(Acme, installation.CloudId)).Key;
        var first = await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Of(1, 2));
        var all = await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Default);

        Assert.Equal([tieToo, tie, keys[2], keys[1], keys[0]], all.Data);
        Assert.Equal([tieToo, tie], first.Data);
        Assert.Equal(new PageMeta(5, 3, 2, 1, 2, null, true, false, false, 2), first.Meta);
    }

    [Fact]
    public async Task A_deleted_key_no_longer_authenticates_and_is_not_found()
    {
        var installation = await InstallationAsync();
        var doomed = await AccessKeys.CreateAsync(Acme, installation.CloudId);
        var kept = await AccessKeys.CreateAsync(Acme, installation.CloudId);

        await AccessKeys.DeleteAsync(Acme, doomed.Key.Id.ToString());

        Assert.Null(await AccessKeys.AuthenticateAsync(doomed.Secret));
        Assert.NotNull(await AccessKeys.AuthenticateAsync(kept.Secret));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.GetAsync(Acme, doomed.Key.Id.ToString()));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.DeleteAsync(Acme, doomed.Key.Id.ToString()));
    }

    [Fact]
    public async Task Another_integrators_installation_or_key_is_not_found()
    {
        var theirs = await InstallationAsync(Globex);
        var theirKey = await AccessKeys.CreateAsync(Globex, theirs.CloudId);
        var id = theirKey.Key.Id.ToString();

        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.CreateAsync(Acme, theirs.CloudId));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.ListAsync(Acme, theirs.CloudId, PageRequest.Default));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.GetAsync(Acme, id));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.DeleteAsync(Acme, id));

        Assert.NotNull(await AccessKeys.AuthenticateAsync(theirKey.Secret));
        Assert.Single((await AccessKeys.ListAsync(Globex, theirs.CloudId, PageRequest.Default)).Data);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("25201008-8c5a-4acb-b9f6-fd6a5f4e41c5")]
    [InlineData("{25201008-8c5a-4acb-b9f6-fd6a5f4e41c5}")]
    public async Task Unknown_or_malformed_key_ids_are_not_found(string id)
    {
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.GetAsync(Acme, id));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.DeleteAsync(Acme, id));
    }

    [Fact]
    public async Task Unknown_installations_are_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.CreateAsync(Acme, "inst_unknown"));
        await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.ListAsync(Acme, "inst_unknown", PageRequest.Default));
    }

    [Fact]
    public async Task Only_integrators_manage_keys()
    {
        var installation = await InstallationAsync();
        var tenant = NewTenant();
        var asInstallation = Actor.Installation(installation.CloudId, Guid.NewGuid());

        foreach (var actor in new[] { tenant, asInstallation })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => AccessKeys.CreateAsync(actor, installation.CloudId));
            await Assert.ThrowsAsync<ForbiddenException>(() => AccessKeys.ListAsync(actor, installation.CloudId, PageRequest.Default));
            await Assert.ThrowsAsync<ForbiddenException>(() => AccessKeys.GetAsync(actor, Guid.NewGuid().ToString()));
            await Assert.ThrowsAsync<ForbiddenException>(() => AccessKeys.DeleteAsync(actor, Guid.NewGuid().ToString()));
        }
    }

    [Fact]
    public async Task A_test_installation_gets_keys_like_any_other()
    {
        var plus = await CreateAsync(Acme, "Acme Plus");
        var test = await Installations.InstallOnTestSiteAsync(Acme, plus.CloudId);

        var created = await AccessKeys.CreateAsync(Acme, test.CloudId);

        Assert.Equal(test.CloudId, (await AccessKeys.AuthenticateAsync(created.Secret))!.InstallationId);
    }

    [Fact]
    public async Task A_later_page_holds_the_older_keys()
    {
        var installation = await InstallationAsync();
        var keys = new List<AccessKeyData>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await AccessKeys.CreateAsync(Acme, installation.CloudId)).Key);
            Db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var second = await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Of(2, 2));
        var third = await AccessKeys.ListAsync(Acme, installation.CloudId, PageRequest.Of(3, 2));

        Assert.Equal([keys[2], keys[1]], second.Data);
        Assert.Equal([keys[0]], third.Data);
    }

    [Fact]
    public async Task What_is_not_found_or_not_allowed_is_said_in_words()
    {
        var installation = await InstallationAsync();

        var noInstallation = await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.CreateAsync(Acme, "inst_unknown"));
        var noInstallationToList = await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.ListAsync(Acme, "inst_unknown", PageRequest.Default));
        var malformedKey = await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.GetAsync(Acme, "not-a-uuid"));
        var unknownKey = await Assert.ThrowsAsync<NotFoundException>(() => AccessKeys.DeleteAsync(Acme, Guid.NewGuid().ToString()));
        var tenant = await Assert.ThrowsAsync<ForbiddenException>(() => AccessKeys.CreateAsync(NewTenant(), installation.CloudId));

        Assert.Equal("No installation was found with that id.", noInstallation.Message);
        Assert.Equal("No installation was found with that id.", noInstallationToList.Message);
        Assert.Equal("No access key was found with that id.", malformedKey.Message);
        Assert.Equal("No access key was found with that id.", unknownKey.Message);
        Assert.Equal("Only the integrator who owns an integration manages its installations' access keys.", tenant.Message);
    }

    [Fact]
    public async Task Live_pages_are_told_of_a_key_made_and_deleted()
    {
        var installation = await InstallationAsync();
        var received = new List<(string Kind, string SubjectId)>();
        using var _ = Db.Get<ChangeFeed>().Subscribe(e => e.OwnerId == Acme.UserId, e =>
        {
            received.Add((e.Kind, e.SubjectId));
            return Task.CompletedTask;
        });

        var created = await AccessKeys.CreateAsync(Acme, installation.CloudId);
        await AccessKeys.DeleteAsync(Acme, created.Key.Id.ToString());

        Assert.Equal([(EventKinds.AccessKeyCreated, created.Key.Id.ToString()), (EventKinds.AccessKeyDeleted, created.Key.Id.ToString())], received);
    }

    // Only ak_ and 32 letters or digits are looked up; anything else is refused before the database is asked.
    [Theory]
    [InlineData("ak_0123456789abcdefghijABCDEFGHIJ12", true)]
    [InlineData("ak_0123456789abcdefghijABCDEFGHIJ1", false)] // one character short
    [InlineData("ak_0123456789abcdefghijABCDEFGHIJ123", false)] // one too many
    [InlineData("ak_0123456789abcdefghijABCDEFGHIJ1-", false)] // not a letter or digit
    [InlineData("ak-0123456789abcdefghijABCDEFGHIJ12", false)] // not the prefix
    [InlineData("gcp_0123456789abcdefghijABCDEFGHIJ", false)] // a token's prefix
    public void Only_a_key_shaped_secret_is_looked_up(string secret, bool shaped)
    {
        Assert.Equal(shaped, AccessKeyService.IsAccessKeyShaped(secret));
    }

    private async Task<TenantInstallationData> InstallationAsync(Actor? integrator = null)
    {
        var integration = await CreateAsync(integrator ?? Acme, "Integration " + Guid.NewGuid().ToString("N")[..8]);
        return await InstallOnNewSiteAsync(NewTenant(), integration);
    }
}
