using System.Security.Claims;
using Bunit;
using Portal.Components.Layout;

namespace Portal.Tests.Components.Shell;

/// <summary>/docs/errors serves everyone and the API reference links to it, so every role finds it in the menu.</summary>
public abstract class NavMenuTests : ComponentTestContext
{
    protected NavMenuTests(string role)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(role);
        auth.SetClaims(new Claim("sub", "u-1"));
    }

    [Fact]
    public void The_menu_links_to_the_API_errors_page()
    {
        var menu = Context.Render<NavMenu>();

        Assert.Contains(menu.FindAll("a"), a => a.GetAttribute("href") == "/docs/errors" && a.TextContent.Contains("API errors", StringComparison.Ordinal));
    }
}

public sealed class TenantNavMenuTests() : NavMenuTests("tenant");

public sealed class IntegratorNavMenuTests() : NavMenuTests("integrator");
