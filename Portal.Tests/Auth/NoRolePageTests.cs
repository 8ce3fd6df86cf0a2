using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Auth;

namespace Portal.Tests.Auth;

/// <summary>A signed-in user without a portal role sees the no-role page, never another sign-in.</summary>
public sealed class NoRolePageTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/integrations")]
    [InlineData("/tokens")]
    [InlineData("/catalog")]
    public async Task A_page_sends_a_user_without_a_role_to_the_no_role_page(string path)
    {
        await using var app = NoRoleApp();
        var client = await SignedInWithoutRoleAsync(app);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/no-role", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_no_role_page_says_so_names_the_user_and_offers_sign_out_instead_of_a_sign_in()
    {
        await using var app = NoRoleApp();
        var client = await SignedInWithoutRoleAsync(app);

        var response = await client.GetAsync("/account/no-role?ReturnUrl=%2Fintegrations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your account has no portal role", html);
        Assert.Contains("Visitor Vera", html);
        Assert.Contains("action=\"/account/signout\"", html);
    }

    private static PortalAppFactory NoRoleApp()
    {
        var provider = new FakeOidcProvider();
        return new PortalAppFactory("Production", provider.Settings(), services: services =>
        {
            provider.Configure(services);
            services.AddSingleton<IStartupFilter>(new NoRoleSignIn());
        });
    }

    private static async Task<HttpClient> SignedInWithoutRoleAsync(PortalAppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(NoRoleSignIn.Path)).StatusCode);
        return client;
    }

    /// <summary>Signs in a provider user whose role claim is "Integrator": another case, so no portal role.</summary>
    private sealed class NoRoleSignIn : IStartupFilter
    {
        public const string Path = "/test/no-role-signin";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Path != Path)
                {
                    await nextMiddleware(http);
                    return;
                }

                var settings = new OidcSettings { Authority = FakeOidcProvider.Issuer, ClientId = FakeOidcProvider.ClientId };
                var principal = settings.ToPortalPrincipal(new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim("sub", "u-vera"), new Claim("name", "Visitor Vera"), new Claim("role", "Integrator")], "oidc")));
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            });
            next(app);
        };
    }
}
