using System.Security.Cryptography;
using System.Text;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>
/// Verifies <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body keyed with the webhook secret&gt;</c>
/// (https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries), in constant time.
/// </summary>
public static class GitHubWebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The header value GitHub would send for this body; for tests and for tooling that replays deliveries.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
