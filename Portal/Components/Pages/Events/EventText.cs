using Portal.Data.Events;

namespace Portal.Components.Pages.Events;

/// <summary>How the history and the activity page put an event into words.</summary>
public static class EventText
{
    public static readonly IReadOnlyList<(string Value, string Label)> SubjectKinds =
    [
        (EventSubjects.Integration, "Integrations"),
        (EventSubjects.Installation, "Installations"),
        (EventSubjects.AccessKey, "Access keys"),
    ];

    /// <summary>What happened, e.g. "Updated", "Installed", "Access key deleted".</summary>
    public static string Action(string kind) => kind switch
    {
        EventKinds.IntegrationCreated => "Created",
        EventKinds.IntegrationUpdated => "Updated",
        EventKinds.IntegrationDeleted => "Deleted",
        EventKinds.InstallationCreated => "Installed",
        EventKinds.InstallationDeleted => "Uninstalled",
        EventKinds.AccessKeyCreated => "Access key created",
        EventKinds.AccessKeyDeleted => "Access key deleted",
        EventKinds.SiteAdded => "Site added",
        EventKinds.SiteRenamed => "Site renamed",
        EventKinds.SiteRemoved => "Site removed",
        _ => kind,
    };

    /// <summary>Who, as a person reads it: "Ada Lovelace" or "API token ci".</summary>
    public static string Actor(EventActor actor) => actor.Type switch
    {
        EventActorTypes.ApiToken => $"API token {actor.Name}",
        EventActorTypes.Installation => $"installation {actor.Name}",
        _ => actor.Name,
    };

    /// <summary>The detail of an installation's or a key's event: "North (Hillside Pig Farm)".</summary>
    public static string? Where(EventData e)
    {
        var site = e.ChangeOf("site");
        var tenant = e.ChangeOf("tenant");
        var siteName = site?.After ?? site?.Before;
        var tenantName = tenant?.After ?? tenant?.Before;
        return (siteName, tenantName) switch
        {
            (null, _) => null,
            (_, null) => $"on {siteName}",
            _ => $"on {siteName} ({tenantName})",
        };
    }

    /// <summary>Whether a value is long enough to be read as a line diff rather than as "before → after".</summary>
    public static bool IsLong(string? value) => value is not null && (value.Contains('\n', StringComparison.Ordinal) || value.Length > 120);
}

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A line diff (longest common subsequence of lines), for reading what changed in a long description.</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Of(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new(DiffKind.Same, a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                lines.Add(new(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new(DiffKind.Added, b[y++]));
            }
        }

        lines.AddRange(a[x..].Select(l => new DiffLine(DiffKind.Removed, l)));
        lines.AddRange(b[y..].Select(l => new DiffLine(DiffKind.Added, l)));
        return lines;
    }

    private static string[] Lines(string? text) =>
        text is null ? [] : text.ReplaceLineEndings("\n").Split('\n');
}
