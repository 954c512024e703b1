using System.Globalization;
using System.Security.Cryptography;

namespace AgentLedger.Core.Delivery;

/// <summary>
/// How AgentLedger signs every HTTP webhook it sends (SIEM batches, budget alerts): an HMAC-SHA256 over
/// <c>"{timestamp}.{body}"</c> with the destination's shared secret, in the headers
/// <c>X-AgentLedger-Timestamp: {unix seconds}</c> and <c>X-AgentLedger-Signature: v1={lower-case hex}</c>.
/// The timestamp inside the signed text lets a receiver reject replays older than its tolerance.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-AgentLedger-Timestamp";
    public const string SignatureHeader = "X-AgentLedger-Signature";
    private const string Version = "v1=";

    /// <summary>The value of <see cref="SignatureHeader"/> for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = System.Text.Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return Version + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/>
    /// and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>; compared in constant time.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string timestamp, string signature, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
            return false;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        var actual = System.Text.Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
