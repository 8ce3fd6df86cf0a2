using Portal.Data;
using Portal.Data.Tokens;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

public sealed class ApiTokenServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private ApiTokenService Tokens => _db.Get<ApiTokenService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_new_token_authenticates_as_its_owner_and_role()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, "CI", expiresInDays: null);

        var identity = await Tokens.AuthenticateAsync(created.Secret);

        Assert.Equal(new TokenIdentity(created.Info.Id, "acme", ActorRole.Integrator) { Name = "CI" }, identity);
        Assert.StartsWith("gcp_", created.Secret);
        Assert.Equal(created.Secret[..12], created.Info.Prefix);
        Assert.Matches("^tok_[A-Za-z0-9]{16}$", created.Info.Id);
    }

    [Fact]
    public async Task A_token_without_a_label_is_named_by_its_shown_prefix()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, expiresInDays: null);

        var identity = await Tokens.AuthenticateAsync(created.Secret);

        Assert.Equal(created.Info.Prefix + "…", identity!.Name);
        Assert.DoesNotContain(created.Secret, identity.Name);
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_its_sha256_hash()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);

        var text = System.Text.Encoding.UTF8.GetString(await _db.ReadStoredBytesAsync());

        Assert.DoesNotContain(created.Secret, text);
        Assert.Contains(ApiTokenService.Hash(created.Secret), text);
    }

    [Fact]
    public async Task Unknown_or_malformed_secrets_do_not_authenticate()
    {
        await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);

        Assert.Null(await Tokens.AuthenticateAsync("gcp_" + new string('x', 40)));
        Assert.Null(await Tokens.AuthenticateAsync("not-a-token"));
    }

    [Fact]
    public async Task A_revoked_token_no_longer_authenticates()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);

        var revoked = await Tokens.RevokeAsync("acme", created.Info.Id);

        Assert.Equal(ApiTokenStatus.Revoked, revoked.Status);
        Assert.Null(await Tokens.AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task A_token_can_be_revoked_by_its_prefix_but_not_by_another_user()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);

        await Assert.ThrowsAsync<NotFoundException>(() => Tokens.RevokeAsync("globex", created.Info.Prefix));
        await Tokens.RevokeAsync(null, created.Info.Prefix);

        Assert.Null(await Tokens.AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task A_token_expires_after_its_days()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, expiresInDays: 7);
        _db.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await Tokens.AuthenticateAsync(created.Secret));

        _db.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await Tokens.AuthenticateAsync(created.Secret));
        Assert.Equal(ApiTokenStatus.Expired, (await Tokens.ListAsync("acme")).Single().Status);
    }

    [Fact]
    public async Task Use_is_recorded_as_last_used()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);
        _db.Clock.Advance(TimeSpan.FromHours(1));

        await Tokens.AuthenticateAsync(created.Secret);

        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, (await Tokens.ListAsync("acme")).Single().LastUsedAt);
    }

    [Fact]
    public async Task The_list_shows_only_the_users_tokens_newest_first_without_secrets()
    {
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "first", null);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "second", null);
        await Tokens.CreateAsync("globex", ActorRole.Integrator, "theirs", null);

        var list = await Tokens.ListAsync("acme");

        Assert.Equal(["second", "first"], list.Select(t => t.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public async Task Expiry_must_be_between_1_and_366_days(int days)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync("acme", ActorRole.Integrator, null, days));

        Assert.Equal("expires_in_days", error.Errors.Single().Attribute);
    }

    [Fact]
    public async Task Token_name_over_80_characters_is_too_long()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync("acme", ActorRole.Integrator, new string('n', 81), null));

        Assert.Equal(("name", "too_long"), (error.Errors.Single().Attribute, error.Errors.Single().Code));
    }

    [Fact]
    public async Task Last_used_is_refreshed_once_30_seconds_have_passed_and_not_before()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);
        await Tokens.AuthenticateAsync(created.Secret);
        var firstUse = _db.Clock.GetUtcNow().UtcDateTime;

        _db.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        await Tokens.AuthenticateAsync(created.Secret);
        var beforeResolution = (await Tokens.ListAsync("acme")).Single().LastUsedAt;

        _db.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Tokens.AuthenticateAsync(created.Secret);
        var atResolution = (await Tokens.ListAsync("acme")).Single().LastUsedAt;

        Assert.Equal(firstUse, beforeResolution);
        Assert.Equal(firstUse.AddSeconds(30), atResolution);
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation_time()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, null);
        var first = await Tokens.RevokeAsync("acme", created.Info.Id);
        _db.Clock.Advance(TimeSpan.FromHours(1));

        var second = await Tokens.RevokeAsync("acme", created.Info.Id);

        Assert.Equal(new DateTime(2001, 1, 1, 1, 1, 1, DateTimeKind.Utc), first.RevokedAt);
        Assert.Equal(first.RevokedAt, second.RevokedAt);
        Assert.Equal(first.RevokedAt, (await Tokens.ListAsync("acme")).Single().RevokedAt);
        Assert.Equal(ApiTokenStatus.Revoked, second.Status);
    }

    [Fact]
    public async Task A_name_of_exactly_80_characters_is_accepted()
    {
        var name = new string('n', 80);

        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, name, null);

        Assert.Equal(name, created.Info.Name);
        Assert.Equal(name, (await Tokens.ListAsync("acme")).Single().Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(366)]
    public async Task Expiry_of_exactly_1_or_366_days_is_accepted(int days)
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, null, days);

        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime.AddDays(days), created.Info.ExpiresAt);
        Assert.NotNull(await Tokens.AuthenticateAsync(created.Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_user_is_refused_and_no_token_is_made(string user)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Tokens.CreateAsync(user, ActorRole.Integrator, "CI", null));

        Assert.Equal(("user", ValidationCodes.Missing), (error.Errors.Single().Attribute, error.Errors.Single().Code));
        Assert.Empty(await Tokens.ListAsync(user));
    }
}
