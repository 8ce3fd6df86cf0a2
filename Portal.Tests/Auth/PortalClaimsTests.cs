using System.Security.Claims;
using Portal.Auth;
using Portal.Data;

namespace Portal.Tests.Auth;

public sealed class PortalClaimsTests
{
    [Fact]
    public void An_integrator_gets_its_id_and_display_name_and_arrived_as_a_user()
    {
        var actor = Principal(("sub", "u-1"), ("name", "Acme Farms Software"), (PortalClaims.Role, "integrator")).ToActor();

        Assert.Equal(Actor.Integrator("u-1", "Acme Farms Software"), actor);
        Assert.Equal(ActorCredential.User, actor.Via);
    }

    [Fact]
    public void A_tenant_with_an_api_token_arrived_by_token_and_is_named_by_its_label()
    {
        var actor = Principal(("sub", "u-2"), ("name", "ci"), (PortalClaims.Role, "tenant"), (PortalClaims.TokenId, "tok_1")).ToActor();

        Assert.Equal(ActorRole.Tenant, actor.Role);
        Assert.Equal("ci", actor.Name);
        Assert.Equal(ActorCredential.ApiToken, actor.Via);
    }

    [Fact]
    public void An_access_key_principal_is_an_installation_with_its_key()
    {
        var key = Guid.NewGuid();
        var actor = Principal(("sub", "inst_1"), (PortalClaims.Role, "installation"), (PortalClaims.AccessKeyId, key.ToString())).ToActor();

        Assert.Equal(Actor.Installation("inst_1", key), actor);
        Assert.Equal(ActorCredential.AccessKey, actor.Via);
    }

    [Fact]
    public void A_missing_name_is_empty()
    {
        Assert.Equal("", Principal(("sub", "u-1"), (PortalClaims.Role, "tenant")).ToActor().Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("admin")]
    [InlineData("Integrator")]
    [InlineData("")]
    public void A_principal_with_no_or_an_unknown_role_is_not_an_actor(string? role)
    {
        var user = role is null ? Principal(("sub", "u-1")) : Principal(("sub", "u-1"), (PortalClaims.Role, role));

        Assert.Throws<InvalidOperationException>(() => user.ToActor());
    }

    [Fact]
    public void Two_roles_are_not_one_actor()
    {
        var user = Principal(("sub", "u-1"), (PortalClaims.Role, "tenant"), (PortalClaims.Role, "integrator"));

        Assert.Throws<InvalidOperationException>(() => user.ToActor());
    }

    [Fact]
    public void An_installation_without_its_access_key_is_not_an_actor()
    {
        Assert.Throws<InvalidOperationException>(() => Principal(("sub", "inst_1"), (PortalClaims.Role, "installation")).ToActor());
    }

    [Fact]
    public void No_user_id_is_not_an_actor()
    {
        Assert.Throws<InvalidOperationException>(() => Principal((PortalClaims.Role, "integrator")).ToActor());
    }

    [Theory]
    [InlineData(ActorRole.Integrator, "integrator")]
    [InlineData(ActorRole.Tenant, "tenant")]
    [InlineData(ActorRole.Installation, "installation")]
    public void Each_role_has_its_own_claim_value(ActorRole role, string expected) =>
        Assert.Equal(expected, PortalClaims.RoleName(role));

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Test", PortalClaims.Name, PortalClaims.Role));
}
