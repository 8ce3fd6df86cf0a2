namespace Portal.Data.Model;

internal sealed class Integration
{
    public long Id { get; set; }
    public required string CloudId { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }

    /// <summary>Trimmed, upper-cased invariantly: the key of the per-owner uniqueness rule.</summary>
    public required string NormalizedName { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Concurrency token; bumped by every change. The ETag is made from it.</summary>
    public int Version { get; set; }

    public List<Installation> Installations { get; set; } = [];
}
