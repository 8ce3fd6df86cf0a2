using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Pages.Tokens;
using Portal.Data;
using Portal.Data.Tokens;

namespace Portal.Tests.Components.Shell;

public sealed class ApiTokensPageTests : ComponentTestContext
{
    private const string UserId = "dev-acme";

    public ApiTokensPageTests()
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("Acme Farms Software");
        auth.SetRoles("integrator");
        auth.SetClaims(new Claim("sub", UserId), new Claim("name", "Acme Farms Software"));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();

    [Fact]
    public async Task A_new_token_is_shown_once_and_afterwards_only_its_prefix()
    {
        var page = Context.Render<ApiTokens>();
        page.Find("#token-name").Input("CI deploy");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#new-token")));
        var secret = page.Find("#new-token").GetAttribute("value")!;
        Assert.StartsWith(ApiTokenService.SecretPrefix, secret);
        Assert.Contains("will not be shown again", page.Markup);
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Copy token");

        var stored = Assert.Single(await Service<ApiTokenService>().ListAsync(UserId));
        Assert.Equal("CI deploy", stored.Name);

        ButtonNamed(page, "Done").Click();
        Assert.DoesNotContain(secret, page.Markup);
        Assert.Contains(stored.Prefix, page.Markup);

        // A later visit never sees the secret either.
        var later = Context.Render<ApiTokens>();
        later.WaitForAssertion(() => Assert.Contains(stored.Prefix, later.Markup));
        Assert.DoesNotContain(secret, later.Markup);
        Assert.Empty(later.FindAll("#new-token"));
    }

    [Fact]
    public async Task Revoking_needs_confirmation_in_a_dialog()
    {
        var tokens = Service<ApiTokenService>();
        await tokens.CreateAsync(UserId, ActorRole.Integrator, "Nightly sync", 30);
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<ApiTokens>();
        page.WaitForAssertion(() => Assert.Contains("Nightly sync", page.Markup));

        // The click's handler waits for the dialog's answer, so it is not awaited here.
        var firstClick = ButtonNamed(page, "Revoke").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        Assert.Equal(ApiTokenStatus.Active, (await tokens.ListAsync(UserId))[0].Status);

        await ButtonNamed(dialogs, "Cancel").ClickAsync(new());
        await firstClick;
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("cannot be undone", dialogs.Markup));
        Assert.Equal(ApiTokenStatus.Active, (await tokens.ListAsync(UserId))[0].Status);

        var secondClick = ButtonNamed(page, "Revoke").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke token", dialogs.Markup));
        await ButtonNamed(dialogs, "Revoke token").ClickAsync(new());
        await secondClick;

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Markup));
        Assert.Equal(ApiTokenStatus.Revoked, (await tokens.ListAsync(UserId))[0].Status);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Revoke");
    }

    [Fact]
    public async Task The_service_validation_message_appears_under_the_name_field_and_nothing_is_created()
    {
        var page = Context.Render<ApiTokens>();
        page.Find("#token-name").Input(new string('x', ApiTokenService.NameMaxLength + 1));
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("name must be at most 80 characters.", page.Markup));
        Assert.Empty(page.FindAll("#new-token"));
        Assert.Empty(await Service<ApiTokenService>().ListAsync(UserId));
    }

    [Fact]
    public void With_no_tokens_the_page_says_so()
    {
        var page = Context.Render<ApiTokens>();
        page.WaitForAssertion(() => Assert.Contains("No tokens yet", page.Markup));
    }

    private static IElement ButtonNamed(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> component, string name) =>
        component.FindAll("button").First(b => b.TextContent.Trim() == name);
}
