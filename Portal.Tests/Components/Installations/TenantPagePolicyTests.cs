using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Auth;

namespace Portal.Tests.Components.Installations;

/// <summary>The tenant pages are guarded by the tenant policy at the router, as the whole portal serves them.</summary>
public sealed partial class TenantPagePolicyTests
{
    [Theory]
    [InlineData("/sites")]
    [InlineData("/installations")]
    public async Task An_integrator_opening_a_tenant_page_is_told_it_is_for_tenants(string path)
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient();
        await SignInAsync(client, "dev-acme");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1", html);
        Assert.Contains("Not allowed", html);
        Assert.Contains("This page is for tenants", html);
        Assert.DoesNotContain("Add a site", html);
    }

    [Theory]
    [InlineData("/sites", "Farm sites")]
    [InlineData("/installations", "My installations")]
    public async Task A_tenant_opens_its_pages(string path, string heading)
    {
        await using var app = new PortalAppFactory("Development");
        var client = app.CreateClient();
        await SignInAsync(client, "dev-hillside");

        var html = await client.GetStringAsync(path);

        Assert.Contains($">{heading}</h1>", html);
        Assert.DoesNotContain("Not allowed", html);
    }

    private static async Task SignInAsync(HttpClient client, string persona)
    {
        var page = await client.GetStringAsync("/signin");
        var token = WebUtility.HtmlDecode(AntiforgeryInput().Match(page).Groups[1].Value);
        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["persona"] = persona,
            ["returnUrl"] = "/",
        }));
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
