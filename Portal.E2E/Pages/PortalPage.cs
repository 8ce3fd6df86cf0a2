using System.Text.RegularExpressions;

using Portal.E2E.Support;

namespace Portal.E2E.Pages;

/// <summary>What every page of the portal has: the h1, the app bar (user name, sign-out), a circuit.</summary>
public class PortalPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator SignOutButton => Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });

    /// <summary>Loads <paramref name="path"/> in full and waits until Blazor made it interactive.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForCircuitAsync();
    }

    public async Task ExpectHeadingAsync(string text) =>
        await Expect(Heading).ToHaveTextAsync(text);

    public async Task SignOutAsync()
    {
        await SignOutButton.ClickAsync();
    }

    public static Regex PathIs(string path) => new($"^[^?#]*//[^/]+{Regex.Escape(path)}([?#].*)?$");
}

/// <summary>/signin in Development: one button per demo persona.</summary>
public sealed class DevSignInPage(IPage page) : PortalPage(page)
{
    public ILocator PersonaButton(Persona persona) => Page.GetByRole(AriaRole.Button, new() { Name = persona.SignInButton });

    /// <summary>Signs in as <paramref name="persona"/> and waits for the page it lands on to be interactive.</summary>
    public async Task SignInAsync(Persona persona, string? returnUrl = null)
    {
        await Page.GotoAsync(returnUrl is null ? "/signin" : $"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await PersonaButton(persona).ClickAsync();
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin", StringComparison.Ordinal));
        await Page.WaitForCircuitAsync();
        await Expect(SignOutButton).ToBeVisibleAsync();
    }
}
