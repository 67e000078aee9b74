using System.Security.Cryptography;
using System.Text;

namespace RagPlatform.Core.Access;

/// <summary>Makes key secrets and checks presented ones against stored hashes.</summary>
/// <remarks>A plain SHA-256 is enough: the secret is 256 random bits, so there is nothing to brute-force
/// that a slow hash would protect.</remarks>
public static class ApiKeySecrets
{
    /// <summary>The prefix of every secret, so that a leaked one is recognisable (e.g. by secret scanners).</summary>
    public const string Prefix = "rag_";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>The key whose hash matches <paramref name="secret"/>, revoked or not; every stored hash is
    /// compared in constant time, so the answer's timing tells nothing about near misses.</summary>
    public static ApiKey? Match(IEnumerable<ApiKey> keys, string secret)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var presented = Encoding.ASCII.GetBytes(Hash(secret));
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(key.Hash)))
            {
                found = key;
            }
        }

        return found;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
