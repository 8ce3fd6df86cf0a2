using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Portal.Api.OpenApi;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Api;

/// <summary>The integration object on the wire, attributes in the seed's order. Nothing of the owner or version.</summary>
[Description("An integration: what tenants see and install.")]
internal sealed record IntegrationResource(
    [property: Description("Unique identifier for the object: int_ and 32 characters of [A-Za-z0-9]."), RegularExpression(CloudIds.IntegrationIdPattern)] string CloudId,
    [property: Description("Integration name as it will appear to tenants."), MaxLength(IntegrationRules.NameMaxLength), RegularExpression(IntegrationRules.NamePattern)] string Name,
    [property: Description("An absolute http or https URL to your product website."), Url, MaxLength(IntegrationRules.UrlMaxLength), RegularExpression(IntegrationRules.UrlPattern)] string Url,
    [property: Description("Description of your integration as it will appear to tenants; null when unset."), MaxLength(IntegrationRules.DescriptionMaxLength), RegularExpression(IntegrationRules.DescriptionPattern)] string? Description,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the object was created (UTC, milliseconds).")] DateTime CreatedAt,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the object was last changed (UTC, milliseconds).")] DateTime UpdatedAt)
{
    public static IntegrationResource From(IntegrationData data) =>
        new(data.CloudId, data.Name, data.Url, data.Description, data.CreatedAt, data.UpdatedAt);
}

/// <summary>What a create sends (only for the OpenAPI document: the body reader reads JSON itself).</summary>
[Description("An integration's attributes. name and url are required; description is optional.")]
[RequestBodySchema(typeof(IntegrationInput))]
internal sealed record IntegrationCreate(
    [property: Description("The name tenants see: 1 to 80 characters after trimming, unique among your integrations (case-insensitive).")]
    [property: MinLength(1), MaxLength(IntegrationRules.NameMaxLength), RegularExpression(IntegrationRules.NamePattern)]
    string Name,
    [property: Description("An absolute http or https URL to your product website (trimmed).")]
    [property: Url, MaxLength(IntegrationRules.UrlMaxLength), RegularExpression(IntegrationRules.UrlPattern)]
    string Url,
    [property: Description("Plain text for tenants, line breaks kept; null or \"\" leaves it unset.")]
    [property: MaxLength(IntegrationRules.DescriptionMaxLength), RegularExpression(IntegrationRules.DescriptionPattern)]
    string? Description = null);

/// <summary>What an update sends: any of the attributes, each optional (only for the OpenAPI document).</summary>
[Description("The attributes to change; those not sent are left unchanged. name and url cannot be cleared (null is refused).")]
[RequestBodySchema(typeof(IntegrationInput))]
internal sealed record IntegrationUpdate(
    [property: Description("The name tenants see: 1 to 80 characters after trimming, unique among your integrations (case-insensitive).")]
    [property: MinLength(1), MaxLength(IntegrationRules.NameMaxLength), RegularExpression(IntegrationRules.NamePattern)]
    string Name = null!,
    [property: Description("An absolute http or https URL to your product website (trimmed).")]
    [property: Url, MaxLength(IntegrationRules.UrlMaxLength), RegularExpression(IntegrationRules.UrlPattern)]
    string Url = null!,
    [property: Description("Plain text for tenants, line breaks kept; null or \"\" clears it.")]
    [property: MaxLength(IntegrationRules.DescriptionMaxLength), RegularExpression(IntegrationRules.DescriptionPattern)]
    string? Description = null);

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

internal sealed record ApiProblemError(
    [property: Description("The attribute (or query parameter) at fault.")] string Attribute,
    [property: Description("A stable code for programs."), AllowedValues(
        ValidationCodes.Missing, ValidationCodes.Invalid, ValidationCodes.TooLong, ValidationCodes.Taken,
        ValidationCodes.InvalidType, ValidationCodes.UnknownAttribute)] string Code,
    [property: Description("A sentence for people.")] string Message);

/// <summary>A problem other than validation, as the OpenAPI document describes it (the API writes <see cref="ApiProblem"/>).</summary>
[Description("An RFC 9457 problem. type links to the section of /docs/errors that explains it.")]
internal sealed record Problem(
    [property: RegularExpression(ProblemSchema.TypePattern)] string Type,
    string Title,
    int Status,
    [property: Description("What went wrong and what to do, for people.")] string Detail,
    [property: Description("The Request-Id header of the same response.")] string RequestId);

/// <summary>A validation problem (422), as the OpenAPI document describes it: every broken rule in errors.</summary>
[Description("An RFC 9457 problem listing every broken rule, not only the first.")]
internal sealed record ValidationProblem(
    [property: RegularExpression(ProblemSchema.TypePattern)] string Type,
    string Title,
    int Status,
    [property: Description("How many attributes are invalid.")] string Detail,
    [property: MinLength(1)] IReadOnlyList<ApiProblemError> Errors,
    [property: Description("The Request-Id header of the same response.")] string RequestId);

internal static class ProblemSchema
{
    public const string TypePattern = "^/docs/errors#[a-z-]+$";
}
