namespace Portal.E2E.Pages;

/// <summary>/tokens: create a token (shown once), list, revoke.</summary>
public sealed class TokensPage(IPage page) : PortalPage(page)
{
    public ILocator TokenName => Page.GetByLabel("Token name");

    public ILocator Create => Page.GetByRole(AriaRole.Button, new() { Name = "Create token" });

    public ILocator NewToken => Page.GetByRole(AriaRole.Textbox, new() { Name = "New token" });

    public ILocator ShownOnceWarning => Page.GetByText("will not be shown again");

    public ILocator Row(string name) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public async Task OpenAsync()
    {
        await OpenAsync("/tokens");
        await ExpectHeadingAsync("API tokens");
    }

    /// <summary>Creates a token named <paramref name="name"/> and returns its secret as the page shows it once.</summary>
    public async Task<string> CreateAsync(string name)
    {
        await TokenName.FillAsync(name);
        await Create.ClickAsync();
        await Expect(ShownOnceWarning).ToBeVisibleAsync();
        await Expect(NewToken).Not.ToHaveValueAsync("");
        return await NewToken.InputValueAsync();
    }

    public async Task RevokeAsync(string name)
    {
        await Row(name).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }
}
