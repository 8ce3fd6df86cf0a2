using System.Security.Claims;
using Portal.Auth;

namespace Portal.Tests.Auth;

/// <summary>
/// How the role claim's values become the portal role, as the README says: one value or several, the integrator
/// value wins over the tenant value, values compare exactly (case included), anything else is no role.
/// </summary>
public sealed class RoleValueTests
{
    private static readonly OidcSettings Settings = new()
    {
        Authority = "https://login.example.com",
        ClientId = "portal",
        RoleClaim = "groups",
        IntegratorRoleValue = "gestal-integrators",
        TenantRoleValue = "gestal-tenants",
    };

    [Theory]
    [InlineData(new[] { "gestal-integrators" }, PortalClaims.IntegratorRole)] // a single value
    [InlineData(new[] { "gestal-tenants" }, PortalClaims.TenantRole)]
    [InlineData(new[] { "staff", "gestal-tenants" }, PortalClaims.TenantRole)] // an array
    [InlineData(new[] { "gestal-tenants", "gestal-integrators" }, PortalClaims.IntegratorRole)] // both: integrator wins
    [InlineData(new[] { "Gestal-Integrators" }, null)] // another case is another value
    [InlineData(new[] { "GESTAL-TENANTS" }, null)]
    [InlineData(new[] { " gestal-integrators" }, null)] // so is one with a space
    [InlineData(new[] { "staff" }, null)]
    [InlineData(new string[0], null)] // no role claim at all
    public void Role_values_compare_exactly_and_the_integrator_value_wins(string[] values, string? expected)
    {
        var claims = new List<(string, string)> { ("sub", "u-1"), ("name", "Ada") };
        claims.AddRange(values.Select(v => ("groups", v)));

        var user = Settings.ToPortalPrincipal(External([.. claims]));

        Assert.Equal(expected, user.FindFirstValue(PortalClaims.Role));
        Assert.True(user.Identity!.IsAuthenticated);
    }

    [Fact]
    public void The_providers_issuer_and_session_id_are_kept_for_its_logout()
    {
        var user = Settings.ToPortalPrincipal(External(("sub", "u-1"), ("iss", "https://login.example.com"), ("sid", "s-42"), ("groups", "gestal-tenants")));

        Assert.Equal("https://login.example.com", user.FindFirstValue(SessionClaims.ProviderIssuer));
        Assert.Equal("s-42", user.FindFirstValue(SessionClaims.ProviderSessionId));
    }

    private static ClaimsPrincipal External(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
