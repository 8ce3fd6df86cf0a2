using System.Security.Cryptography;
using System.Text;

namespace Portal.Data;

/// <summary>
/// SHA-256 of a presented secret in lower-case hex: how API tokens, access keys and sessions are stored and looked up.
/// Every API request hashes one, so a short secret's UTF-8 bytes and its hash stay on the stack; only the hex is made.
/// </summary>
internal static class SecretHash
{
    private const int StackBytes = 256;

    public static string Of(string secret)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(secret.Length);
        Span<byte> utf8 = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return Convert.ToHexStringLower(hash);
    }
}
