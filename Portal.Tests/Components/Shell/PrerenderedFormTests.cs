using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Pages.Integrations;
using Portal.Components.Pages.Sites;
using Portal.Components.Pages.Tokens;
using Portal.Tests.Components.Installations;

namespace Portal.Tests.Components.Shell;

/// <summary>
/// A page is first sent prerendered, before its circuit connects. A form submitted then (Enter in a field, a click)
/// would post natively: the page reloads and what was typed is lost. So the portal's forms cannot be submitted until
/// the page is interactive, and can as soon as it is.
/// </summary>
public sealed class PrerenderedFormTests : InstallationPageTestContext
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();

    public static TheoryData<string> Forms => ["integration", "site", "token"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void Before_the_circuit_connects_the_submit_button_is_disabled(string form)
    {
        Context.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        Assert.True(SubmitButton(form).HasAttribute("disabled"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void On_a_live_circuit_the_submit_button_is_enabled(string form) =>
        Assert.False(SubmitButton(form).HasAttribute("disabled"));

    private IElement SubmitButton(string form)
    {
        switch (form)
        {
            case "integration":
                return Context.Render<Edit>().WaitForElement("button[type=submit]");
            case "site":
                SignInAs(Hillside);
                return Context.Render<FarmSites>().WaitForElement("button[type=submit]");
            default:
                return Context.Render<ApiTokens>().WaitForElement("button[type=submit]");
        }
    }
}
