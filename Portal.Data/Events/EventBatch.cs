using System.Text;
using System.Text.Json;

namespace Portal.Data.Events;

/// <summary>
/// The events of one service call: added to the call's DbContext so that they are saved with the change they record
/// (a failed save writes none), and handed to the <see cref="ChangeFeed"/> once the call has committed.
/// </summary>
internal sealed class EventBatch(PortalDbContext db, Actor actor, DateTime now)
{
    private readonly EventActor _actor = EventActor.Of(actor);
    private readonly List<ChangeEvent> _events = [];

    public DateTime Now => now;

    public IReadOnlyList<ChangeEvent> Events => _events;

    /// <summary>Records one change; a change of nothing (every attribute equal) is not recorded.</summary>
    public ChangeEvent? Add(
        string kind, string subjectKind, string subjectId, IEnumerable<AttributeChange> changes,
        string? ownerId = null, string? tenantUserId = null, string? integrationId = null, string? integrationName = null)
    {
        var changed = changes.Where(c => c.Before != c.After).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        var entity = new ChangeEvent
        {
            OwnerId = ownerId,
            TenantUserId = tenantUserId,
            IntegrationId = integrationId,
            IntegrationName = integrationName,
            SubjectKind = subjectKind,
            SubjectId = subjectId,
            Kind = kind,
            Changes = ToJson(changed),
            ActorType = _actor.Type,
            ActorName = _actor.Name,
            CreatedAt = now,
        };
        db.Events.Add(entity);
        _events.Add(entity);
        return entity;
    }

    /// <summary>Forgets what was added (the save it belonged to lost a race whose outcome is the same).</summary>
    public void Discard(ChangeEvent? entity)
    {
        if (entity is not null && _events.Remove(entity))
        {
            db.Entry(entity).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        }
    }

    /// <summary>Every attribute set, as a create records it: [null, value] for each non-null value.</summary>
    public static IEnumerable<AttributeChange> Created(params (string Attribute, string? Value)[] attributes) =>
        attributes.Select(a => new AttributeChange(a.Attribute, null, a.Value));

    /// <summary>Every attribute it had, as a delete records it: [value, null].</summary>
    public static IEnumerable<AttributeChange> Deleted(params (string Attribute, string? Value)[] attributes) =>
        attributes.Select(a => new AttributeChange(a.Attribute, a.Value, null));

    internal static string ToJson(IReadOnlyList<AttributeChange> changes)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var change in changes)
            {
                writer.WriteStartArray(change.Attribute);
                WriteValue(writer, change.Before);
                WriteValue(writer, change.After);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static IReadOnlyList<AttributeChange> FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Select(p => new AttributeChange(p.Name, p.Value[0].GetString(), p.Value[1].GetString()))
            .ToList();
    }

    internal static EventData ToData(ChangeEvent e) =>
        new(e.Id, e.Kind, e.SubjectKind, e.SubjectId, e.IntegrationId, e.IntegrationName, FromJson(e.Changes),
            new EventActor(e.ActorType, e.ActorName), e.CreatedAt)
        {
            OwnerId = e.OwnerId,
            TenantUserId = e.TenantUserId,
        };

    private static void WriteValue(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
