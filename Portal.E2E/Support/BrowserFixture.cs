namespace Portal.E2E.Support;

/// <summary>
/// One headless Debian Chromium for the whole suite. Playwright cannot download its own browsers on these
/// machines, so it drives the system's /usr/bin/chromium (scripts/test.sh installs it). A missing browser fails
/// every test with a message saying how to install it; nothing is skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("PORTAL_E2E_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromiumPath;

    public async Task InitializeAsync()
    {
        // Expectations wait for what the user would see; on a shared two-core machine under load that can take
        // longer than Playwright's default of 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The end-to-end tests need it: run `bash scripts/test.sh` "
                + "(it installs it), or `sudo apt-get install -y chromium` (or set PORTAL_E2E_CHROMIUM to its path).");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>Every E2E test class joins this collection, so they all share one browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
