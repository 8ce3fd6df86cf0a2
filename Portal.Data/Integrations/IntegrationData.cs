using Portal.Data.Paging;

namespace Portal.Data.Integrations;

/// <summary>An integration as the service returns it. The EF entity never leaves Portal.Data.</summary>
public sealed record IntegrationData(
    string CloudId,
    string Name,
    string Url,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>
    /// Who publishes it, as the catalog names them (the integrator's name at their last sign-in, else their user id).
    /// Filled by the catalog queries only; the integrator's own API and pages leave it null.
    /// </summary>
    public string? Publisher { get; init; }

    /// <summary>Strong entity tag of this state of the integration.</summary>
    public string ETag => $"\"{CloudId[^8..]}.{Version}\"";
}

public enum IntegrationSort
{
    Created,
    Name,
    Updated,
}

/// <summary>The portal's list: a page, optionally narrowed by name and sorted. The API uses the defaults.</summary>
public sealed record IntegrationListQuery(PageRequest Page)
{
    public string? Search { get; init; }
    public IntegrationSort Sort { get; init; } = IntegrationSort.Created;
    public bool Descending { get; init; } = true;
}
