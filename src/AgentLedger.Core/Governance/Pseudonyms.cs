using System.Security.Cryptography;
using System.Text;

namespace AgentLedger.Core.Governance;

/// <summary>
/// Stable pseudonyms of directory users: <c>u_</c> and the first 16 hex digits (64 bits) of HMAC-SHA256 over the user
/// id with the workspace's secret key. The same user always gets the same pseudonym in a workspace (so trends and
/// rankings still read), pseudonyms of different workspaces do not correlate, and without the key nobody can
/// recompute one from an e-mail or an id. Only the server, holding the key, maps a pseudonym back.
/// </summary>
public static class Pseudonyms
{
    public const string Prefix = "u_";

    public static string Of(byte[] key, string userId)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId), hash);
        return Prefix + Convert.ToHexStringLower(hash[..8]);
    }

    public static bool LooksLikePseudonym(string value) =>
        value.Length == Prefix.Length + 16 && value.StartsWith(Prefix, StringComparison.Ordinal) && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary>A new random key for a workspace.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);
}
