using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Api.OpenApi;
using Portal.Data;
using Portal.Data.AccessKeys;
using Portal.Data.Installations;
using Portal.Data.Integrations;
using Portal.Data.Paging;
using Portal.Data.Sites;

namespace Portal.Api;

/// <summary>An installation as its integrator lists it (INSTALLATIONS.md), keys in the contract's order.</summary>
[Description("One integration installed by a tenant on one of its farm sites.")]
internal sealed record InstallationResource(
    [property: Description("The installation's id: inst_ and 32 characters of [A-Za-z0-9]."), RegularExpression(CloudIds.InstallationIdPattern)] string CloudId,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the tenant installed it (UTC, milliseconds).")] DateTime CreatedAt,
    [property: Description("The tenant (farm business) that installed it, with its current name.")] TenantResource Tenant,
    [property: Description("The farm site it is installed on, with its current name.")] SiteResource Site)
{
    public static InstallationResource From(InstallationData data) =>
        new(data.CloudId, data.CreatedAt, new(data.Tenant.CloudId, data.Tenant.Name), new(data.Site.CloudId, data.Site.Name));
}

internal sealed record TenantResource(
    [property: Description("te_ and 32 characters of [A-Za-z0-9]."), RegularExpression(CloudIds.TenantIdPattern)] string CloudId,
    [property: Description("The tenant's display name.")] string Name);

internal sealed record SiteResource(
    [property: Description("sit_ and 32 characters of [A-Za-z0-9]."), RegularExpression(CloudIds.SiteIdPattern)] string CloudId,
    [property: Description("The site's name."), MaxLength(SiteRules.NameMaxLength), RegularExpression(SiteRules.NamePattern)] string Name)
{
    public static SiteResource From(SiteRef site) => new(site.CloudId, site.Name);
}

/// <summary>A page of an integration's installations.</summary>
internal sealed record InstallationList(IReadOnlyList<InstallationResource> Data, PageMetaResource Meta)
{
    public static InstallationList From(Page<InstallationData> page) =>
        new(page.Data.Select(InstallationResource.From).ToList(), PageMetaResource.From(page.Meta));
}

/// <summary>An access key (INSTALLATIONS.md): the whole secret only in the answer to its creation.</summary>
[Description("A key that authenticates as an installation.")]
internal sealed record AccessKeyResource(
    [property: Description("The key's id, a UUID."), SchemaFormat("uuid")] string Id,
    [property: Description("The secret (ak_ and 32 characters) in the answer to its creation; elsewhere ak_, x for all but the last four, then those four."), RegularExpression(AccessKeyService.SecretPattern)] string AccessKey,
    [property: JsonConverter(typeof(NullableUtcMillisecondsConverter)), Description("When the key was last used (at most a minute behind); null until its first use.")] DateTime? LastActiveAt,
    [property: JsonConverter(typeof(UtcMillisecondsConverter)), Description("When the key was created (UTC, milliseconds).")] DateTime CreatedAt)
{
    public static AccessKeyResource From(AccessKeyData data) =>
        new(data.Id.ToString("D"), data.AccessKey, data.LastActiveAt, data.CreatedAt);

    public static AccessKeyResource From(CreatedAccessKey created) => From(created.Key) with { AccessKey = created.Secret };
}

/// <summary>A page of an installation's access keys, newest first.</summary>
internal sealed record AccessKeyList(IReadOnlyList<AccessKeyResource> Data, PageMetaResource Meta)
{
    public static AccessKeyList From(Page<AccessKeyData> page) =>
        new(page.Data.Select(AccessKeyResource.From).ToList(), PageMetaResource.From(page.Meta));
}

/// <summary>GET /api/integration: the installation the access key authenticates as, keys in the contract's order.</summary>
[Description("The installation an access key authenticates as, with its integration's current values.")]
internal sealed record CurrentInstallationResource(
    [property: Description("The installation's id: inst_ and 32 characters of [A-Za-z0-9]."), RegularExpression(CloudIds.InstallationIdPattern)] string CloudId,
    [property: Description("The integration's name."), MaxLength(IntegrationRules.NameMaxLength), RegularExpression(IntegrationRules.NamePattern)] string Name,
    [property: Description("The integration's URL."), Url, MaxLength(IntegrationRules.UrlMaxLength), RegularExpression(IntegrationRules.UrlPattern)] string Url,
    [property: Description("Always third_party for integrations made in this portal."), AllowedValues(CurrentInstallationResource.ThirdParty)] string Type,
    [property: Description("Always false for integrations made in this portal."), AllowedValues(false)] bool Signed,
    [property: Description("The integration's description; null when unset."), MaxLength(IntegrationRules.DescriptionMaxLength), RegularExpression(IntegrationRules.DescriptionPattern)] string? Description,
    [property: Description("The presenting access key.")] AccessKeyActivity AccessKey,
    [property: Description("The farm site the integration is installed on.")] SiteResource Site)
{
    public const string ThirdParty = "third_party";

    public static CurrentInstallationResource From(CurrentInstallationData data) => new(
        data.CloudId, data.Integration.Name, data.Integration.Url, ThirdParty, false, data.Integration.Description,
        new AccessKeyActivity(data.KeyLastActiveAt), SiteResource.From(data.Site));
}

internal sealed record AccessKeyActivity(
    [property: JsonConverter(typeof(NullableUtcMillisecondsConverter)), Description("When the presenting key was last used, this request included (at most a minute behind).")] DateTime? LastActiveAt);

/// <summary>What creating an access key may send: nothing, or an empty object (only for the OpenAPI document).</summary>
[Description("No attributes: send no body, or {}.")]
[RequestBodySchema]
internal sealed record AccessKeyCreate;

/// <summary>A timestamp as the seed writes them, or null.</summary>
internal sealed class NullableUtcMillisecondsConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null
            ? null
            : DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(UtcMillisecondsConverter.ToWire(v));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
