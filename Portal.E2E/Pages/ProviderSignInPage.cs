namespace Portal.E2E.Pages;

/// <summary>The test OpenID provider's own pages: its login form and its sign-out confirmation.</summary>
public sealed class ProviderSignInPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the test provider" });

    public ILocator Username => Page.GetByLabel("Username");

    public ILocator Password => Page.GetByLabel("Password");

    public ILocator SignIn => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

    public ILocator ConfirmSignOut => Page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" });

    public async Task SignInAsync(string username, string password)
    {
        await Microsoft.Playwright.Assertions.Expect(Heading).ToBeVisibleAsync();
        await Username.FillAsync(username);
        await Password.FillAsync(password);
        await SignIn.ClickAsync();
    }
}
