using System.Security.Cryptography;

namespace Portal.Data;

/// <summary>Public identifiers: a prefix and base-62 characters from a cryptographic random source.</summary>
public static class CloudIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Each id as a regular expression (ECMA-262 and .NET alike), for the OpenAPI document and the tests.
    public const string IntegrationIdPattern = "^int_[A-Za-z0-9]{32}$";
    public const string TenantIdPattern = "^te_[A-Za-z0-9]{32}$";
    public const string SiteIdPattern = "^sit_[A-Za-z0-9]{32}$";
    public const string InstallationIdPattern = "^inst_[A-Za-z0-9]{32}$";

    public static string NewIntegrationId() => "int_" + RandomBase62(32);

    public static string NewTenantId() => "te_" + RandomBase62(32);

    public static string NewSiteId() => "sit_" + RandomBase62(32);

    public static string NewInstallationId() => "inst_" + RandomBase62(32);

    public static string RandomBase62(int length) => RandomNumberGenerator.GetString(Base62, length);
}
