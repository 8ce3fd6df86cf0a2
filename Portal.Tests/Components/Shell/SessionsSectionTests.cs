using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Auth;
using Portal.Components.Pages.Tokens;
using Portal.Data.Sessions;

namespace Portal.Tests.Components.Shell;

public sealed class SessionsSectionTests : ComponentTestContext
{
    private const string UserId = "dev-acme";
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

    private readonly BunitAuthorizationContext _auth;

    public SessionsSectionTests() => _auth = Context.AddAuthorization();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<AntiforgeryStateProvider, Shell.FakeAntiforgery>();

    private SessionService Sessions => Service<SessionService>();

    private Task<StartedSession> StartAsync(string userAgent, string userId = UserId) =>
        Sessions.StartAsync(new SessionStart(userId, "Acme Farms Software", "integrator", userAgent));

    [Fact]
    public async Task The_tokens_page_lists_the_users_active_sessions_and_marks_this_one()
    {
        var here = await StartAsync(Chrome);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await StartAsync(Firefox);
        await StartAsync(Safari, "dev-globex");
        var ended = await StartAsync(Safari);
        await Sessions.EndBySecretAsync(ended.Secret);
        var auth = _auth;
        auth.SetAuthorized("Acme Farms Software");
        auth.SetRoles("integrator");
        auth.SetClaims(new Claim("sub", UserId), new Claim("name", "Acme Farms Software"), new Claim(SessionClaims.Secret, here.Secret));

        var page = Context.Render<ApiTokens>();

        page.WaitForAssertion(() => Assert.Contains("Sessions", page.Find("#sessions-heading").TextContent));
        var rows = page.FindAll("section[aria-labelledby='sessions-heading'] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Firefox on Windows", rows[0].TextContent);
        Assert.Contains("Chrome on Linux", rows[1].TextContent);
        Assert.Contains("This session", rows[1].TextContent);
        Assert.DoesNotContain(rows[1].QuerySelectorAll("button"), b => b.TextContent.Trim() == "Sign out");
        Assert.Single(rows[0].QuerySelectorAll("button"), b => b.TextContent.Trim() == "Sign out");
        Assert.DoesNotContain("Safari", page.Markup);
        Assert.Contains("7 days", page.Markup);
    }

    [Fact]
    public async Task Signing_out_one_session_needs_confirmation_and_ends_only_that_one()
    {
        var here = await StartAsync(Chrome);
        var laptop = await StartAsync(Firefox);
        var dialogs = Context.Render<MudDialogProvider>();
        var section = Context.Render<SessionsSection>(p => p.Add(s => s.UserId, UserId).Add(s => s.CurrentSecret, here.Secret));
        section.WaitForAssertion(() => Assert.Contains("Firefox on Windows", section.Markup));

        var cancelled = ButtonNamed(section, "Sign out").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Sign out Firefox on Windows?", dialogs.Markup));
        await ButtonNamed(dialogs, "Cancel").ClickAsync(new());
        await cancelled;
        Assert.NotNull(await Sessions.ValidateAsync(laptop.Secret));

        var confirmed = ButtonNamed(section, "Sign out").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Sign out that session", dialogs.Markup));
        await ButtonNamed(dialogs, "Sign out that session").ClickAsync(new());
        await confirmed;

        section.WaitForAssertion(() => Assert.DoesNotContain("Firefox on Windows", section.Markup));
        Assert.Null(await Sessions.ValidateAsync(laptop.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(here.Secret));
    }

    [Fact]
    public async Task Sign_out_everywhere_else_asks_first_then_keeps_only_this_session()
    {
        var here = await StartAsync(Chrome);
        var laptop = await StartAsync(Firefox);
        var phone = await StartAsync(Safari);
        var dialogs = Context.Render<MudDialogProvider>();
        var section = Context.Render<SessionsSection>(p => p.Add(s => s.UserId, UserId).Add(s => s.CurrentSecret, here.Secret));
        section.WaitForAssertion(() => Assert.Contains("Safari on iOS", section.Markup));

        var click = ButtonNamed(section, "Sign out everywhere else").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("2 other sessions will have to sign in again", dialogs.Markup));
        Assert.NotNull(await Sessions.ValidateAsync(phone.Secret));
        await ButtonNamed(dialogs, "Sign out other sessions").ClickAsync(new());
        await click;

        section.WaitForAssertion(() => Assert.Contains("You are signed in nowhere else.", section.Markup));
        Assert.Null(await Sessions.ValidateAsync(laptop.Secret));
        Assert.Null(await Sessions.ValidateAsync(phone.Secret));
        Assert.NotNull(await Sessions.ValidateAsync(here.Secret));
        Assert.True(section.FindAll("button").Single(b => b.TextContent.Trim() == "Sign out everywhere else").HasAttribute("disabled"));
    }

    private static IElement ButtonNamed(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> component, string name) =>
        component.FindAll("button").First(b => b.TextContent.Trim() == name);
}
