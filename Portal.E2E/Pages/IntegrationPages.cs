namespace Portal.E2E.Pages;

/// <summary>/integrations: search, table, empty state.</summary>
public sealed class IntegrationsListPage(IPage page) : PortalPage(page)
{
    public ILocator Search => Page.GetByLabel("Search by name");

    public ILocator NewIntegration => Page.GetByRole(AriaRole.Link, new() { Name = "New integration" });

    public ILocator EmptyState => Page.GetByText("No integrations yet");

    public ILocator CreateFirst => Page.GetByRole(AriaRole.Link, new() { Name = "Create your first integration" });

    public ILocator Table => Page.GetByRole(AriaRole.Table);

    public ILocator RowLink(string name) => Table.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    // The inner locator is matched inside each row, so it starts from the page, not from the table.
    public ILocator Row(string name) =>
        Table.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task OpenAsync()
    {
        await OpenAsync("/integrations");
        await ExpectHeadingAsync("Integrations");
    }

    public async Task SearchAsync(string text) => await Search.FillAsync(text);
}

/// <summary>/integrations/new and /integrations/{id}/edit: the one form and its live preview.</summary>
public sealed class IntegrationFormPage(IPage page) : PortalPage(page)
{
    public ILocator Name => Page.GetByLabel("Name", new() { Exact = true });

    public ILocator Url => Page.GetByLabel("URL", new() { Exact = true });

    public ILocator Description => Page.GetByLabel("Description", new() { Exact = true });

    public ILocator Create => Page.GetByRole(AriaRole.Button, new() { Name = "Create integration" });

    public ILocator Save => Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });

    public ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "Tenant preview" });

    public ILocator ConflictAlert => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "changed elsewhere" });

    public ILocator Reload => Page.GetByRole(AriaRole.Button, new() { Name = "Reload" });

    /// <summary>"Changed by … just now": someone else changed the integration while the form is open.</summary>
    public ILocator ChangedBanner => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Changed by" });

    public ILocator KeepEditing => Page.GetByRole(AriaRole.Button, new() { Name = "Keep editing" });

    /// <summary>The message shown under the field labelled <paramref name="label"/> (MudBlazor's helper line).</summary>
    public ILocator ErrorUnder(string label) =>
        Page.Locator(".mud-input-control")
            .Filter(new() { Has = Page.GetByLabel(label, new() { Exact = true }) })
            .Locator(".mud-input-helper-text.mud-input-error");

    public async Task OpenNewAsync()
    {
        await OpenAsync("/integrations/new");
        await ExpectHeadingAsync("New integration");
    }

    public async Task OpenEditAsync(string cloudId, string name)
    {
        await OpenAsync($"/integrations/{cloudId}/edit");
        await ExpectHeadingAsync($"Edit {name}");
    }

    public async Task FillAsync(string name, string url, string? description = null)
    {
        await Name.FillAsync(name);
        await Url.FillAsync(url);
        if (description is not null)
        {
            await Description.FillAsync(description);
        }
    }
}

/// <summary>/integrations/{id}: attributes, preview, snippets, delete.</summary>
public sealed class IntegrationDetailPage(IPage page) : PortalPage(page)
{
    public ILocator Edit => Page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true });

    public ILocator Delete => Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true });

    public ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "Tenant preview" });

    public ILocator CopyId => Page.GetByRole(AriaRole.Button, new() { Name = "Copy ID" });

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public ILocator ConfirmName => Dialog.GetByLabel("Integration name");

    public ILocator ConfirmDelete => Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete integration" });

    /// <summary>The History section's entries, newest first.</summary>
    public ILocator Versions => Page.GetByRole(AriaRole.List, new() { Name = "Versions" }).Locator("> li");

    public ILocator DeletedAlert => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "was deleted by" });

    public async Task OpenAsync(string cloudId, string name)
    {
        await OpenAsync($"/integrations/{cloudId}");
        await ExpectHeadingAsync(name);
    }
}

/// <summary>/catalog and /catalog/{id}: what tenants read.</summary>
public sealed class CatalogPage(IPage page) : PortalPage(page)
{
    public ILocator Search => Page.GetByLabel("Search by name");

    public ILocator Card(string name) =>
        Page.Locator(".integration-preview-card").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }) });

    public ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "Tenant preview" });

    public async Task OpenAsync()
    {
        await OpenAsync("/catalog");
        await ExpectHeadingAsync("Integration catalog");
    }
}
