using Portal.Data.Integrations;
using Portal.Data.Paging;

namespace Portal.Data.Installations;

public sealed record TenantRef(string CloudId, string Name);

public sealed record SiteRef(string CloudId, string Name);

/// <summary>An installation as its integrator lists it. IsTest: on the integrator's own test site.</summary>
public sealed record InstallationData(
    string CloudId, DateTime CreatedAt, DateTime UpdatedAt, TenantRef Tenant, SiteRef Site, bool IsTest);

/// <summary>One of the tenant's sites, and the installation of the integration there (null: not installed there yet).</summary>
public sealed record InstallTarget(SiteRef Site, string? InstallationId);

/// <summary>An installation as its tenant sees it: which integration, on which site, since when.</summary>
public sealed record TenantInstallationData(string CloudId, SiteRef Site, string IntegrationId, string IntegrationName, DateTime CreatedAt);

/// <summary>The installation an access key authenticates as (GET /api/integration).</summary>
public sealed record CurrentInstallationData(string CloudId, IntegrationData Integration, SiteRef Site, DateTime? KeyLastActiveAt);

/// <summary>A page of an integration's installations, optionally narrowed by tenant or site name.</summary>
public sealed record InstallationListQuery(PageRequest Page)
{
    public string? Search { get; init; }
}
