using System.ComponentModel;
using System.Text.Json.Serialization;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>The integration object on the wire, attributes in the seed's order. Nothing of the owner or version.</summary>
[Description("An integration: what tenants see and install.")]
internal sealed record IntegrationResource(
    [property: Description("Unique identifier for the object: int_ and 32 characters of [A-Za-z0-9].")] string CloudId,
    [property: Description("Integration name as it will appear to tenants.")] string Name,
    [property: Description("An absolute http or https URL to your product website.")] string Url,
    [property: Description("Description of your integration as it will appear to tenants; null when unset.")] string? Description,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the object was created (UTC, milliseconds).")] DateTime CreatedAt,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the object was last changed (UTC, milliseconds).")] DateTime UpdatedAt)
{
    public static IntegrationResource From(IntegrationData data) =>
        new(data.CloudId, data.Name, data.Url, data.Description, data.CreatedAt, data.UpdatedAt);
}

/// <summary>What a create or an update may send (only for the OpenAPI document: the body reader reads JSON itself).</summary>
[Description("Attributes to set. On create name and url are required; on update only the attributes sent change.")]
internal sealed record IntegrationWrite(
    [property: Description("1 to 80 characters after trimming, unique among your integrations (case-insensitive).")] string? Name,
    [property: Description("An absolute http or https URL, at most 2,048 characters.")] string? Url,
    [property: Description("At most 1,000 characters of plain text; null or \"\" clears it.")] string? Description);

/// <summary>A page of integrations: data plus Gestal's pagination meta.</summary>
internal sealed record IntegrationList(IReadOnlyList<IntegrationResource> Data, PageMetaResource Meta)
{
    public static IntegrationList From(Page<IntegrationData> page) =>
        new(page.Data.Select(IntegrationResource.From).ToList(), PageMetaResource.From(page.Meta));
}

internal sealed record PageMetaResource(
    int Total,
    int Pages,
    int PerPage,
    int CurrentPage,
    [property: Description("The next page number, or false when there is none.")] PageNumberOrFalse NextPage,
    [property: Description("The previous page number, or false when there is none.")] PageNumberOrFalse PreviousPage,
    bool FirstPage,
    bool LastPage,
    bool OutOfRange,
    int PageTotal)
{
    public static PageMetaResource From(PageMeta m) =>
        new(m.Total, m.Pages, m.PerPage, m.CurrentPage, m.NextPage, m.PreviousPage, m.FirstPage, m.LastPage, m.OutOfRange, m.PageTotal);
}

/// <summary>An RFC 9457 problem as the API writes it; errors only for validation.</summary>
internal sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiProblemError>? Errors,
    string RequestId);

internal sealed record ApiProblemError(string Attribute, string Code, string Message);
