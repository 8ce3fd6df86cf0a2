using System.Security.Cryptography;

namespace Portal.Data;

/// <summary>Public identifiers: a prefix and base-62 characters from a cryptographic random source.</summary>
public static class CloudIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewIntegrationId() => "int_" + RandomBase62(32);

    public static string NewTenantId() => "te_" + RandomBase62(32);

    public static string NewSiteId() => "sit_" + RandomBase62(32);

    public static string NewInstallationId() => "inst_" + RandomBase62(32);

    public static string RandomBase62(int length) => RandomNumberGenerator.GetString(Base62, length);
}
