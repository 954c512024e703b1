using System.Security.Cryptography;
using System.Text;

namespace AgentLedger.Core.Keys;

/// <summary>
/// An API key as handed to its owner: <c>al_{keyId}_{secret}</c>, with a 16-hex-digit key id (stored in clear,
/// for lookup) and a 256-bit random secret in base64url (stored only as its SHA-256). The alphabet has no
/// comma, space or '=' so that the key survives OTEL_EXPORTER_OTLP_HEADERS parsing in every agent.
/// </summary>
public sealed record ApiKeySecret(string KeyId, string Secret)
{
    public const string Prefix = "al_";
    private const int KeyIdLength = 16;

    public string Token => $"{Prefix}{KeyId}_{Secret}";

    public static ApiKeySecret Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new ApiKeySecret(keyId, secret);
    }

    public static bool TryParse(string? token, out ApiKeySecret key)
    {
        key = null!;
        if (token is null || token.Length < Prefix.Length + KeyIdLength + 2 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var keyId = token.Substring(Prefix.Length, KeyIdLength);
        if (token[Prefix.Length + KeyIdLength] != '_' || !keyId.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        key = new ApiKeySecret(keyId, token[(Prefix.Length + KeyIdLength + 1)..]);
        return true;
    }

    /// <summary>SHA-256 of the secret. The secret is 256 random bits, so a slow password hash adds nothing.</summary>
    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
