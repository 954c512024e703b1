using System.Security.Cryptography;
using System.Text;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// The keyed hash of a finding's value: lower-case hex HMAC-SHA256 of its UTF-8 bytes under the server's DLP hash key.
/// Equal values under one key hash equally, so findings correlate across records and restarts; without the key a
/// low-entropy value (an SSN, a card number) cannot be recovered by hashing every candidate. Thread-safe.
/// </summary>
public sealed class DlpHasher
{
    /// <summary>Bytes of a generated key (the HMAC-SHA256 block size is 64; 32 random bytes are the hash's strength).</summary>
    public const int GeneratedKeyBytes = 32;

    private readonly byte[] _key;

    public DlpHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A DLP hash key must not be empty.", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>A key configured as text (<c>Dlp:HashKey</c>) is used as its UTF-8 bytes.</summary>
    public static DlpHasher FromConfiguredKey(string key) => new(Encoding.UTF8.GetBytes(key));

    public string Hash(ReadOnlySpan<char> value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value)];
        Encoding.UTF8.GetBytes(value, bytes);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, bytes));
    }
}
