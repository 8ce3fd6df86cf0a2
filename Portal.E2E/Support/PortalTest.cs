using Xunit.Abstractions;

namespace Portal.E2E.Support;

/// <summary>
/// Base of every browser test: its own browser context (cookies, storage) on the shared browser, every request
/// recorded, console errors and dialogs collected. When the test ends, any request to a host other than the
/// portal's own (or the test's OpenID provider) fails it.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class PortalTest : IAsyncLifetime
{
    private readonly List<string> _requests = [];
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _dialogs = [];

    protected PortalTest(BrowserFixture browser, PortalServer portal, ITestOutputHelper output)
    {
        BrowserFixture = browser;
        Portal = portal;
        Output = output;
    }

    protected BrowserFixture BrowserFixture { get; }

    protected PortalServer Portal { get; }

    protected ITestOutputHelper Output { get; }

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public IReadOnlyList<string> Requests { get { lock (_requests) { return [.. _requests]; } } }

    public IReadOnlyList<string> ConsoleErrors { get { lock (_consoleErrors) { return [.. _consoleErrors]; } } }

    public IReadOnlyList<string> Dialogs { get { lock (_dialogs) { return [.. _dialogs]; } } }

    /// <summary>Origins the browser may talk to besides the portal (e.g. the OpenID provider).</summary>
    protected virtual IEnumerable<string> OtherAllowedOrigins => [];

    public virtual async Task InitializeAsync()
    {
        Context = await NewContextAsync(1280, 800);
        Page = await Context.NewPageAsync();
    }

    /// <summary>A fresh context (like another person's browser) that records like the main one.</summary>
    protected async Task<IBrowserContext> NewContextAsync(int width, int height)
    {
        var context = await BrowserFixture.Browser.NewContextAsync(new()
        {
            BaseURL = Portal.BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        await context.AddInitScriptAsync(BlazorCircuit.InitScript);
        context.Request += (_, request) => { lock (_requests) { _requests.Add(request.Url); } };
        context.Page += (_, page) => Watch(page);
        return context;
    }

    /// <summary>A cookie one context holds, to give to another (with another value, to tamper with it).</summary>
    protected static Cookie CopyOf(BrowserContextCookiesResult cookie, string? value = null) => new()
    {
        Name = cookie.Name,
        Value = value ?? cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        HttpOnly = cookie.HttpOnly,
        Secure = cookie.Secure,
        SameSite = cookie.SameSite,
        Expires = cookie.Expires,
    };

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors) { _consoleErrors.Add(message.Text); }
            }
        };
        page.PageError += (_, error) => { lock (_consoleErrors) { _consoleErrors.Add("uncaught: " + error); } };
        page.Dialog += async (_, dialog) =>
        {
            // "Leave site?" on a dirty form: the test means to leave, like a user confirming.
            if (dialog.Type == "beforeunload")
            {
                await dialog.AcceptAsync();
                return;
            }
            lock (_dialogs) { _dialogs.Add($"{dialog.Type}: {dialog.Message}"); }
            await dialog.DismissAsync();
        };
    }

    /// <summary>Requests to any origin but the portal's own and the allowed ones (data:, blob:, about: are local).</summary>
    protected IReadOnlyList<string> ForeignRequests()
    {
        var allowed = new HashSet<string>(OtherAllowedOrigins.Append(Portal.BaseUrl).Select(Origin), StringComparer.OrdinalIgnoreCase);
        return Requests
            .Where(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss")
            .Where(url => !allowed.Contains(Origin(url)))
            .Distinct()
            .ToList();
    }

    private static string Origin(string url)
    {
        var uri = new Uri(url);
        var scheme = uri.Scheme switch { "ws" => "http", "wss" => "https", var s => s };
        return $"{scheme}://{uri.Host}:{uri.Port}";
    }

    public virtual async Task DisposeAsync()
    {
        var foreign = ForeignRequests();
        await Context.CloseAsync();
        Assert.True(foreign.Count == 0, "The browser requested other hosts than the portal's:\n" + string.Join("\n", foreign));
    }
}
