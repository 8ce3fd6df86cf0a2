using System.Security.Claims;
using Portal.Auth;

namespace Portal.Tests.Auth;

public sealed class OidcClaimMappingTests
{
    private static readonly OidcSettings Settings = new()
    {
        Authority = "https://login.example.com",
        ClientId = "portal",
        RoleClaim = "groups",
        IntegratorRoleValue = "gestal-integrators",
        TenantRoleValue = "gestal-tenants",
    };

    [Fact]
    public void Sub_becomes_the_user_id_and_the_configured_role_value_the_portal_role()
    {
        var user = Settings.ToPortalPrincipal(External(("sub", "u-42"), ("name", "Ada Farmer"), ("groups", "staff"), ("groups", "gestal-integrators")));

        Assert.Equal("u-42", user.FindFirstValue(PortalClaims.UserId));
        Assert.Equal("Ada Farmer", user.FindFirstValue(PortalClaims.Name));
        Assert.True(user.IsInRole(PortalClaims.IntegratorRole));
        Assert.False(user.IsInRole(PortalClaims.TenantRole));
    }

    [Fact]
    public void A_tenant_value_makes_a_tenant_and_email_stands_in_for_a_missing_name()
    {
        var user = Settings.ToPortalPrincipal(External(("sub", "u-7"), ("email", "farm@example.com"), ("groups", "gestal-tenants")));

        Assert.True(user.IsInRole(PortalClaims.TenantRole));
        Assert.Equal("farm@example.com", user.FindFirstValue(PortalClaims.Name));
    }

    [Fact]
    public void A_user_with_neither_role_value_gets_no_portal_role()
    {
        var user = Settings.ToPortalPrincipal(External(("sub", "u-9"), ("name", "Visitor"), ("groups", "staff")));

        Assert.Null(user.FindFirstValue(PortalClaims.Role));
        Assert.True(user.Identity!.IsAuthenticated);
    }

    [Fact]
    public void An_authority_without_a_client_id_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OidcSettings { Authority = "https://login.example.com" }.Validate());
        Assert.Contains("ClientId", error.Message);
    }

    private static ClaimsPrincipal External(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
