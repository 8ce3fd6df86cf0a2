using Portal.Data;
using Portal.Data.Tokens;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// What a user of the token pages and the tokens command reads and relies on, found unasserted by mutation testing
/// (issue 13): the messages of the rules, every broken rule at once, the label as stored, and the list's order.
/// </summary>
public sealed class ApiTokenRuleTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private ApiTokenService Tokens => _db.Get<ApiTokenService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_broken_rule_is_reported_at_once_with_its_message()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Tokens.CreateAsync(" ", ActorRole.Integrator, new string('n', 81), expiresInDays: 0));

        Assert.Equal(
            [
                new ValidationError("name", ValidationCodes.TooLong, "name must be at most 80 characters."),
                new ValidationError("expires_in_days", ValidationCodes.Invalid, "expires_in_days must be a whole number from 1 to 366."),
                new ValidationError("user", ValidationCodes.Missing, "user is required."),
            ],
            error.Errors);
        Assert.Empty(await Tokens.ListAsync(" "));
    }

    [Fact]
    public async Task A_label_is_stored_trimmed_and_a_blank_label_is_no_label()
    {
        var labelled = await Tokens.CreateAsync("acme", ActorRole.Integrator, "  CI nightly  ", null);
        var blank = await Tokens.CreateAsync("acme", ActorRole.Integrator, "   ", null);

        Assert.Equal("CI nightly", labelled.Info.Name);
        Assert.Null(blank.Info.Name);
        Assert.Equal("CI nightly", (await Tokens.AuthenticateAsync(labelled.Secret))!.Name);
        Assert.Equal(blank.Info.Prefix + "…", (await Tokens.AuthenticateAsync(blank.Secret))!.Name);
    }

    [Fact]
    public async Task A_name_counts_characters_not_utf16_units()
    {
        var name = string.Concat(Enumerable.Repeat("🐄", 80)); // 80 characters, 160 UTF-16 units

        var created = await Tokens.CreateAsync("acme", ActorRole.Integrator, name, null);

        Assert.Equal(name, created.Info.Name);
    }

    [Fact]
    public async Task Tokens_made_in_the_same_instant_are_listed_last_made_first()
    {
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "one", null);
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "two", null);
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "three", null);

        var list = await Tokens.ListAsync("acme");

        Assert.Equal(["three", "two", "one"], list.Select(t => t.Name));
    }

    [Fact]
    public async Task A_fresh_token_is_listed_active_with_its_expiry_and_never_used()
    {
        var created = await Tokens.CreateAsync("acme", ActorRole.Tenant, "farm", expiresInDays: 30);

        var listed = (await Tokens.ListAsync("acme")).Single();

        var now = _db.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(new ApiTokenInfo(created.Info.Id, "farm", created.Info.Prefix, ActorRole.Tenant, now, now.AddDays(30), null, null, ApiTokenStatus.Active), listed);
        Assert.Equal(listed, created.Info);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_says_no_token_was_found()
    {
        await Tokens.CreateAsync("acme", ActorRole.Integrator, "kept", null);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Tokens.RevokeAsync(null, "tok_unknown"));

        Assert.Equal("No token was found with that id.", error.Message);
        Assert.Equal(ApiTokenStatus.Active, (await Tokens.ListAsync("acme")).Single().Status);
    }
}
