namespace Portal.Data.Events;

/// <summary>What an event can say happened. The integration's created and updated events are its versions.</summary>
public static class EventKinds
{
    public const string IntegrationCreated = "integration.created";
    public const string IntegrationUpdated = "integration.updated";
    public const string IntegrationDeleted = "integration.deleted";
    public const string InstallationCreated = "installation.created";
    public const string InstallationDeleted = "installation.deleted";
    public const string AccessKeyCreated = "access_key.created";
    public const string AccessKeyDeleted = "access_key.deleted";
    public const string SiteAdded = "site.added";
    public const string SiteRenamed = "site.renamed";
    public const string SiteRemoved = "site.removed";

    /// <summary>The kinds that are versions of an integration (INSTALLATIONS.md, Versions).</summary>
    public static readonly IReadOnlyList<string> Versions = [IntegrationCreated, IntegrationUpdated];
}

/// <summary>What an event is about; the activity page filters on it.</summary>
public static class EventSubjects
{
    public const string Integration = "integration";
    public const string Installation = "installation";
    public const string AccessKey = "access_key";
    public const string Site = "site";

    public static readonly IReadOnlyList<string> All = [Integration, Installation, AccessKey, Site];
}

/// <summary>How the actor of an event arrived.</summary>
public static class EventActorTypes
{
    public const string User = "user";
    public const string ApiToken = "api_token";
    public const string Installation = "installation";
}
