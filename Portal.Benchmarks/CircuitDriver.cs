using Microsoft.Playwright;

namespace Portal.Benchmarks;

/// <summary>
/// scripts/circuits.sh's browser: "circuits &lt;portal url&gt; &lt;count&gt; [path] [rows]" signs in to a Development portal as the Acme
/// persona in Debian's Chromium, opens and closes one warm-up page, and then answers commands read from standard input,
/// one per line, so that the script can take heap dumps in between:
/// <c>open</c> opens &lt;count&gt; pages of the integrations list (or of [path], default /integrations), each waited for
/// until its circuit has rendered the page and its [rows] rows (default 25; 0 waits for the page only) (prints <c>opened</c>); <c>close</c> closes them as a user closing tabs would, running their unload
/// handlers so that Blazor is told at once (prints <c>closed</c>); <c>quit</c> ends.
/// </summary>
internal static class CircuitDriver
{
    private const string Interactive = "main[data-interactive=\"true\"]";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = 25;
        if (args.Length is < 3 or > 5 || !int.TryParse(args[2], out var count) || count < 1
            || (args.Length == 5 && (!int.TryParse(args[4], out rows) || rows < 0)))
        {
            await Console.Error.WriteLineAsync("usage: circuits <portal url> <count> [path] [rows]");
            return 2;
        }

        var path = args.Length >= 4 ? args[3] : "/integrations";

        var portal = args[1].TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_E2E_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = portal, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(60_000);

        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/signin?returnUrl=%2Fintegrations");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in as Acme Farms Software" }).ClickAsync();
        await signIn.WaitForSelectorAsync(Interactive);
        await signIn.CloseAsync(new() { RunBeforeUnload = true });
        Console.WriteLine("ready");

        var pages = new List<IPage>();
        while (Console.ReadLine() is { } command)
        {
            switch (command.Trim())
            {
                case "open":
                    for (var i = 0; i < count; i++)
                    {
                        var page = await context.NewPageAsync();
                        await page.GotoAsync(path);
                        await page.WaitForSelectorAsync(Interactive);
                        if (rows > 0)
                        {
                            await page.GetByRole(AriaRole.Row).Nth(rows).WaitForAsync(); // the header and the rows
                        }

                        pages.Add(page);
                    }

                    Console.WriteLine("opened");
                    break;
                case "close":
                    foreach (var page in pages)
                    {
                        await page.CloseAsync(new() { RunBeforeUnload = true });
                    }

                    pages.Clear();
                    Console.WriteLine("closed");
                    break;
                case "quit":
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"unknown command: {command}");
                    return 2;
            }
        }

        return 0;
    }
}
