using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Sessions;

namespace Portal.Tests.Data;

public sealed class SessionServiceTests : ServiceTest
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private SessionService Sessions => Db.Get<SessionService>();

    private Task<StartedSession> StartAsync(string userId = "acme", string? userAgent = Chrome, string? issuer = null, string? sid = null) =>
        Sessions.StartAsync(new SessionStart(userId, "Acme Farms Software", "integrator", userAgent, issuer, sid));

    [Fact]
    public async Task A_started_session_is_valid_until_it_is_ended_and_only_its_hash_is_stored()
    {
        var started = await StartAsync();

        Assert.StartsWith(SessionService.SecretPrefix, started.Secret);
        Assert.Equal(started.Info.Id, (await Sessions.ValidateAsync(started.Secret))?.Id);
        Assert.Equal("Chrome on Linux", started.Info.Device);

        await Sessions.EndBySecretAsync(started.Secret);

        Assert.Null(await Sessions.ValidateAsync(started.Secret));
        Assert.False(await Sessions.IsActiveAsync(started.Secret));
        Assert.Empty(await Sessions.ListActiveAsync("acme"));
    }

    [Fact]
    public async Task An_unknown_or_missing_secret_names_no_session()
    {
        await StartAsync();

        Assert.Null(await Sessions.ValidateAsync(SessionService.SecretPrefix + new string('x', 40)));
        Assert.Null(await Sessions.ValidateAsync(null));
        Assert.False(await Sessions.IsActiveAsync(""));
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_often_it_is_used()
    {
        var started = await StartAsync();
        for (var hours = 6; hours < 7 * 24; hours += 6)
        {
            Db.Clock.Advance(TimeSpan.FromHours(6));
            Assert.NotNull(await Sessions.ValidateAsync(started.Secret));
        }

        Db.Clock.Advance(TimeSpan.FromHours(6));

        Assert.Null(await Sessions.ValidateAsync(started.Secret));
        Assert.Equal(SessionLifetimeOptions.DefaultAbsoluteLifetime, started.Info.ExpiresAt - started.Info.CreatedAt);
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        var started = await StartAsync();

        Db.Clock.Advance(TimeSpan.FromSeconds(30));
        await Sessions.ValidateAsync(started.Secret);
        Assert.Equal(started.Info.LastSeenAt, (await Sessions.ListActiveAsync("acme"))[0].LastSeenAt);

        Db.Clock.Advance(TimeSpan.FromSeconds(31));
        await Sessions.ValidateAsync(started.Secret);
        Assert.Equal(started.Info.LastSeenAt.AddSeconds(61), (await Sessions.ListActiveAsync("acme"))[0].LastSeenAt);
    }

    [Fact]
    public async Task Signing_out_everywhere_else_keeps_only_the_current_session()
    {
        var here = await StartAsync();
        var laptop = await StartAsync(userAgent: Firefox);
        var phone = await StartAsync();
        var someoneElse = await StartAsync("globex");

        var ended = await Sessions.EndOthersAsync("acme", here.Info.Id);

        Assert.Equal(2, ended);
        Assert.Equal([here.Info.Id], (await Sessions.ListActiveAsync("acme")).Select(s => s.Id));
        Assert.Null(await Sessions.ValidateAsync(laptop.Secret));
        Assert.Null(await Sessions.ValidateAsync(phone.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(someoneElse.Secret));
    }

    [Fact]
    public async Task A_user_signs_out_one_of_their_sessions_but_cannot_end_another_users()
    {
        var mine = await StartAsync(userAgent: Firefox);
        var theirs = await StartAsync("globex");

        await Sessions.EndAsync("acme", mine.Info.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => Sessions.EndAsync("acme", theirs.Info.Id));

        Assert.Null(await Sessions.ValidateAsync(mine.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(theirs.Secret));
    }

    [Fact]
    public async Task Provider_logout_ends_only_the_sessions_with_the_same_issuer_and_session_id()
    {
        var target = await StartAsync(issuer: "https://login.example.com", sid: "sid-1");
        var otherSid = await StartAsync(issuer: "https://login.example.com", sid: "sid-2");
        var otherIssuer = await StartAsync(issuer: "https://evil.example", sid: "sid-1");

        Assert.Equal(0, await Sessions.EndByProviderSessionAsync("https://login.example.com", ""));
        Assert.Equal(1, await Sessions.EndByProviderSessionAsync("https://login.example.com", "sid-1"));

        Assert.Null(await Sessions.ValidateAsync(target.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(otherSid.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(otherIssuer.Secret));
    }

    [Fact]
    public async Task Back_channel_logout_by_subject_ends_every_session_of_that_user_from_that_issuer()
    {
        var one = await StartAsync(issuer: "https://login.example.com", sid: "a");
        var two = await StartAsync(issuer: "https://login.example.com", sid: "b");
        var dev = await StartAsync();

        Assert.Equal(2, await Sessions.EndByProviderSubjectAsync("https://login.example.com", "acme"));

        Assert.Null(await Sessions.ValidateAsync(one.Secret));
        Assert.Null(await Sessions.ValidateAsync(two.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(dev.Secret));
    }

    [Theory]
    [InlineData(Firefox, "Firefox on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "Headless Chrome on Linux")]
    [InlineData(null, "Unknown browser")]
    [InlineData("curl/8.5.0\u001b[31m", "curl/8.5.0[31m")]
    public async Task The_device_is_named_from_the_user_agent_without_control_characters(string? userAgent, string device)
    {
        var started = await StartAsync(userAgent: userAgent);

        Assert.Equal(device, started.Info.Device);
    }

    [Fact]
    public async Task The_catalog_names_the_publisher_by_the_name_they_last_signed_in_with_else_their_user_id()
    {
        await Sessions.StartAsync(new SessionStart("acme", "Acme Farms Software", "integrator", Chrome));
        var acme = await Service.CreateAsync(Acme, Valid("Acme Secret"));
        var globex = await Service.CreateAsync(Globex, Valid("Acme Secret", "https://globex.example/secret"));

        var page = await Service.ListCatalogAsync(Farm, new IntegrationListQuery(Portal.Data.Paging.PageRequest.Of(1, 10)));

        Assert.Equal("Acme Farms Software", page.Data.Single(i => i.CloudId == acme.CloudId).Publisher);
        Assert.Equal("globex", page.Data.Single(i => i.CloudId == globex.CloudId).Publisher);
        Assert.Equal("Acme Farms Software", (await Service.GetCatalogEntryAsync(Farm, acme.CloudId)).Publisher);

        await Sessions.StartAsync(new SessionStart("globex", "Globex Agritech", "integrator", Chrome));
        Assert.Equal("Globex Agritech", (await Service.GetCatalogEntryAsync(Farm, globex.CloudId)).Publisher);
        Assert.Null((await Service.GetAsync(Globex, globex.CloudId)).Publisher);
    }
}
