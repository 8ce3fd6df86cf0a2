using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Pages;

namespace Portal.Tests.Components.Shell;

/// <summary>The start page sends each role to its own page. (Authorization is set per class: before any service is resolved.)</summary>
public abstract class HomeRedirectTests : ComponentTestContext
{
    protected HomeRedirectTests(string role)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(role);
        auth.SetClaims(new Claim("sub", "u-1"));
    }

    protected string StartPage()
    {
        Context.Render<Home>();
        return Context.Services.GetRequiredService<NavigationManager>().Uri;
    }
}

public sealed class IntegratorHomeRedirectTests() : HomeRedirectTests("integrator")
{
    [Fact]
    public void An_integrator_starts_at_the_integrations() => Assert.Equal("http://localhost/integrations", StartPage());
}

public sealed class TenantHomeRedirectTests() : HomeRedirectTests("tenant")
{
    [Fact]
    public void A_tenant_starts_at_the_catalog() => Assert.Equal("http://localhost/catalog", StartPage());
}
