using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Portal.Auth;
using Portal.Components.Pages.Account;

namespace Portal.Tests.Components.Shell;

public sealed class DevSignInPageTests : ComponentTestContext
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new SignInMode(UsesOidc: false, Authority: null));
        services.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();
    }

    [Fact]
    public void Offers_the_three_personas_each_as_a_form_post_with_anti_forgery()
    {
        var page = Context.Render<SignIn>();

        Assert.Contains("Development sign-in", page.Markup);
        Assert.Contains("Development only", page.Markup);
        var forms = page.FindAll("form");
        Assert.Equal(
            ["Sign in as Acme Farms Software", "Sign in as Globex Agritech", "Sign in as Hillside Pig Farm"],
            forms.Select(f => f.QuerySelector("button[type=submit]")!.TextContent.Trim()));
        Assert.All(forms, form =>
        {
            Assert.Equal("post", form.GetAttribute("method"));
            Assert.Equal("/account/dev-signin", form.GetAttribute("action"));
            Assert.Equal(FakeAntiforgery.Token, form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"));
        });
        Assert.Equal(
            ["dev-acme", "dev-globex", "dev-hillside"],
            forms.Select(f => f.QuerySelector("input[name=persona]")!.GetAttribute("value")));
    }

    [Fact]
    public void Keeps_a_local_return_url_and_drops_one_to_another_site()
    {
        var navigation = Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/signin?returnUrl=%2Ftokens");
        var page = Context.Render<SignIn>();
        Assert.All(page.FindAll("input[name=returnUrl]"), i => Assert.Equal("/tokens", i.GetAttribute("value")));

        navigation.NavigateTo("/signin?returnUrl=%2F%2Fevil.example%2F");
        var other = Context.Render<SignIn>();
        Assert.All(other.FindAll("input[name=returnUrl]"), i => Assert.Equal("/", i.GetAttribute("value")));
    }
}
