using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>A url with user info ("user@host") looks like one site and goes to another: refused like other confusing forms.</summary>
public sealed class UrlUserInfoTests : ServiceTest
{
    [Theory]
    [InlineData("https://gestal.cloud@evil.example/login")]
    [InlineData("https://user:secret@acme.com/")]
    [InlineData("https://@acme.com/")]
    [InlineData("http://acme.com:80@evil.example")]
    public async Task A_url_with_user_info_is_refused_and_nothing_is_created(string url)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Acme, Valid(url: url)));

        var broken = Assert.Single(error.Errors);
        Assert.Equal(("url", ValidationCodes.Invalid), (broken.Attribute, broken.Code));
        Assert.Contains("user info", broken.Message);
        Assert.Equal(0, (await Service.ListAsync(Acme, new(Portal.Data.Paging.PageRequest.Of(1, 10)))).Meta.Total);
    }

    [Fact]
    public async Task A_patch_to_a_url_with_user_info_is_refused_and_the_url_stays()
    {
        var created = await Service.CreateAsync(Acme, Valid());

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.UpdateAsync(Acme, created.CloudId, Patch(url: Portal.Data.Integrations.Field.Of("https://acme.com@evil.example/"))));

        Assert.Equal(created.Url, (await Service.GetAsync(Acme, created.CloudId)).Url);
    }

    [Theory]
    [InlineData("https://acme.com/users/@ada")]
    [InlineData("https://acme.com/?contact=ada@acme.com")]
    [InlineData("https://acme.com/#@top")]
    public async Task An_at_sign_after_the_host_is_fine(string url)
    {
        var created = await Service.CreateAsync(Acme, Valid(url: url));

        Assert.Equal(url, created.Url);
    }
}
