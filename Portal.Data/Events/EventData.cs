using Portal.Data.Paging;

namespace Portal.Data.Events;

/// <summary>One attribute's value before and after a change; null where it had none (a create's before, a delete's after).</summary>
public sealed record AttributeChange(string Attribute, string? Before, string? After);

/// <summary>Who made a change: its type (<see cref="EventActorTypes"/>) and the name to show, never a secret.</summary>
public sealed record EventActor(string Type, string Name)
{
    public static EventActor Of(Actor actor) => new(
        actor.Via switch
        {
            ActorCredential.ApiToken => EventActorTypes.ApiToken,
            ActorCredential.AccessKey => EventActorTypes.Installation,
            _ => EventActorTypes.User,
        },
        string.IsNullOrWhiteSpace(actor.Name) ? actor.UserId : actor.Name.Trim());
}

/// <summary>One event as the services return it and the change feed publishes it.</summary>
public sealed record EventData(
    long Id,
    string Kind,
    string SubjectKind,
    string SubjectId,
    string? IntegrationId,
    string? IntegrationName,
    IReadOnlyList<AttributeChange> Changes,
    EventActor Actor,
    DateTime CreatedAt)
{
    /// <summary>The integrator it concerns (the integration's owner); null for a tenant's site events.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The signed-in tenant it concerns, by its sign-in's "sub"; null when none.</summary>
    public string? TenantUserId { get; init; }

    public AttributeChange? ChangeOf(string attribute) => Changes.FirstOrDefault(c => c.Attribute == attribute);
}

/// <summary>The activity page's question: a page of the integrator's events, optionally of one integration or one subject kind.</summary>
public sealed record ActivityQuery(PageRequest Page)
{
    public string? IntegrationId { get; init; }

    /// <summary>One of <see cref="EventSubjects"/>, or null for all.</summary>
    public string? SubjectKind { get; init; }
}

/// <summary>An integration the integrator's activity mentions, with the name it last had there (for the filter).</summary>
public sealed record ActivityIntegration(string CloudId, string Name);
