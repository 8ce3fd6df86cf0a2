namespace Portal.E2E.Pages;

/// <summary>/sites: a tenant's farm sites (add, rename, remove).</summary>
public sealed class FarmSitesPage(IPage page) : PortalPage(page)
{
    public ILocator SiteName => Page.GetByLabel("Site name");

    public ILocator AddSite => Page.GetByRole(AriaRole.Button, new() { Name = "Add site" });

    public ILocator Table => Page.GetByRole(AriaRole.Table, new() { Name = "Your farm sites" });

    public ILocator Row(string name) => Table.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public async Task OpenAsync()
    {
        await OpenAsync("/sites");
        await ExpectHeadingAsync("Farm sites");
    }

    public async Task AddAsync(string name)
    {
        await SiteName.FillAsync(name);
        await SiteName.PressAsync("Enter");
        await Expect(Row(name)).ToBeVisibleAsync();
        await Expect(SiteName).ToHaveValueAsync("");
    }
}

/// <summary>The Install panel and dialog on /catalog/{id}, as a tenant sees them.</summary>
public sealed class InstallPanel(IPage page) : PortalPage(page)
{
    public ILocator Region => Page.GetByRole(AriaRole.Region, new() { Name = "Install on your farm sites" });

    public ILocator Install => Region.GetByRole(AriaRole.Button, new() { Name = "Install", Exact = true });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public ILocator Site(string name) => Dialog.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    public ILocator Confirm => Dialog.GetByRole(AriaRole.Button, new() { Name = "Install on" });

    /// <summary>Installs on the named sites through the dialog and waits for the panel to say so.</summary>
    public async Task InstallOnAsync(params string[] sites)
    {
        await Install.ClickAsync();
        await Expect(Dialog).ToContainTextAsync("access to the data of each site you choose");
        foreach (var site in sites)
        {
            if (!await Site(site).IsCheckedAsync())
            {
                await Site(site).CheckAsync();
            }
        }

        await Confirm.ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
        foreach (var site in sites)
        {
            await Expect(Region).ToContainTextAsync(site);
        }
    }
}

/// <summary>/installations: a tenant's installations per site, with Uninstall.</summary>
public sealed class MyInstallationsPage(IPage page) : PortalPage(page)
{
    public ILocator Site(string name) => Page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    public ILocator Uninstall(string integration, string site) =>
        Page.GetByRole(AriaRole.Button, new() { Name = $"Uninstall {integration} from {site}", Exact = true });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public async Task OpenAsync()
    {
        await OpenAsync("/installations");
        await ExpectHeadingAsync("My installations");
    }

    public async Task UninstallAsync(string integration, string site)
    {
        await Uninstall(integration, site).ClickAsync();
        await Expect(Dialog).ToContainTextAsync("loses access");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Uninstall", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(Uninstall(integration, site)).ToHaveCountAsync(0);
    }
}

/// <summary>The Installations section of /integrations/{id} and each installation's access-keys dialog.</summary>
public sealed class InstallationsSection(IPage page) : PortalPage(page)
{
    public ILocator Region => Page.GetByRole(AriaRole.Region, new() { Name = "Installations", Exact = true });

    public ILocator Search => Region.GetByLabel("Search by tenant or site");

    public ILocator InstallOnTestSite => Region.GetByRole(AriaRole.Button, new() { Name = "Install on my test site" });

    public ILocator Row(string text) => Region.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public ILocator AccessKeysFor(string site, string tenant) =>
        Region.GetByRole(AriaRole.Button, new() { Name = $"Access keys for {site} of {tenant}", Exact = true });

    public ILocator KeysDialog => Page.GetByRole(AriaRole.Dialog).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Create access key" }) });

    public ILocator CreateKey => KeysDialog.GetByRole(AriaRole.Button, new() { Name = "Create access key" });

    public ILocator NewKey => KeysDialog.GetByRole(AriaRole.Textbox, new() { Name = "New access key" });

    public ILocator HttpieLine => KeysDialog.Locator("pre code");

    public ILocator CloseKeys => KeysDialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true });

    /// <summary>Creates a key in the open dialog and returns the secret as the page shows it, once.</summary>
    public async Task<string> CreateKeyAsync()
    {
        await CreateKey.ClickAsync();
        await Expect(KeysDialog).ToContainTextAsync("it will not be shown again");
        await Expect(NewKey).Not.ToHaveValueAsync("");
        return await NewKey.InputValueAsync();
    }
}
