using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Portal.Auth;

namespace Portal.Tests.Auth;

/// <summary>
/// What the portal knows of an OpenID provider, without a network: its metadata and signing key given to the
/// handler directly, logout tokens signed with that key, and a test-only sign-in that signs a provider user into
/// the cookie the way the OpenID Connect handler does after a real login.
/// </summary>
public sealed class FakeOidcProvider
{
    public const string Issuer = "https://login.example.test";
    public const string ClientId = "portal";
    public const string TestSignInPath = "/test/oidc-signin";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };

    public Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = Issuer,
            ["Authentication:Oidc:ClientId"] = ClientId,
            ["Authentication:Oidc:ClientSecret"] = "test-secret",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Configure(IServiceCollection services)
    {
        var configuration = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "/auth",
            TokenEndpoint = Issuer + "/token",
            EndSessionEndpoint = Issuer + "/session/end",
        };
        configuration.SigningKeys.Add(_key);
        services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Configuration = configuration);
        services.AddSingleton<IStartupFilter>(new TestSignIn());
    }

    /// <summary>A back-channel logout token as a provider would post it; <paramref name="signedBy"/> forges one.</summary>
    public string LogoutToken(string? sid, string? sub = null, SecurityKey? signedBy = null, bool withEvent = true, string issuer = Issuer)
    {
        var claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("N") };
        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        if (sub is not null)
        {
            claims["sub"] = sub;
        }

        if (withEvent)
        {
            claims["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() };
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = ClientId,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(2),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signedBy ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed class TestSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would make the path a PathBase, and the cookie's path with it.
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Path != TestSignInPath)
                {
                    await nextMiddleware(http);
                    return;
                }

                var sub = http.Request.Query["sub"].ToString();
                var claims = new List<Claim> { new("sub", sub), new("name", "Provider user " + sub), new("role", "integrator"), new("iss", Issuer) };
                if (http.Request.Query["sid"].ToString() is { Length: > 0 } sid)
                {
                    claims.Add(new("sid", sid));
                }

                var settings = new OidcSettings { Authority = Issuer, ClientId = ClientId };
                var principal = settings.ToPortalPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc")));
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            });
            next(app);
        };
    }
}
