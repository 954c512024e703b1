using System.Globalization;
using System.Text;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Clearly fake secrets and personal data, shaped so that real detectors match them: an AWS access key id ending in
/// <c>EXAMPLE</c>, a GitHub token with a valid checksum, an unusable private key block, a card number from a test
/// range that passes Luhn, a Korean resident registration number with a valid check digit, a customer e-mail under
/// a reserved domain. None of them grants or identifies anything.
/// </summary>
internal static class DemoSecrets
{
    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary><c>AKIA</c> + 16 characters, the last seven spelling EXAMPLE as in AWS's own documentation.</summary>
    public static string AwsAccessKeyId(Random rng) => "AKIA" + rng.NextChars(Base32Upper, 9) + "EXAMPLE";

    public static string AwsSecretAccessKey(Random rng) => rng.NextChars(Base62, 30) + "EXAMPLEKEY";

    /// <summary><c>ghp_</c> + 30 random base62 characters + their CRC-32 in 6 base62 digits, as GitHub formats tokens.</summary>
    public static string GitHubToken(Random rng)
    {
        var body = rng.NextChars(Base62, 30);
        var checksum = Crc32(Encoding.ASCII.GetBytes(body));
        var digits = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Base62[(int)(checksum % 62)];
            checksum /= 62;
        }

        return "ghp_" + body + new string(digits);
    }

    public static string PrivateKeyBlock(Random rng)
    {
        var lines = Enumerable.Range(0, 6).Select(_ => rng.NextChars(Base64, 64));
        return "-----BEGIN RSA PRIVATE KEY-----\n" + string.Join('\n', lines) + "\n-----END RSA PRIVATE KEY-----";
    }

    /// <summary>A 16-digit number in the 400000 test range whose last digit makes it pass Luhn, grouped by four.</summary>
    public static string CardNumber(Random rng)
    {
        var digits = "400000" + rng.NextChars("0123456789", 9);
        digits += LuhnCheckDigit(digits).ToString(CultureInfo.InvariantCulture);
        return $"{digits[..4]} {digits[4..8]} {digits[8..12]} {digits[12..]}";
    }

    /// <summary><c>YYMMDD-GNNNNNC</c> for a 20th-century birth date, with the check digit of the RRN rules.</summary>
    public static string KoreanResidentNumber(Random rng)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(rng.Next(0, 365 * 40));
        var digits = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + (rng.Chance(0.5) ? "1" : "2") + rng.NextChars("0123456789", 5);
        return $"{digits[..6]}-{digits[6..]}{RrnCheckDigit(digits)}";
    }

    public static string CustomerEmail(Random rng) =>
        $"{rng.Pick(DemoNames.First).ToLowerInvariant()}.{rng.Pick(DemoNames.Last).ToLowerInvariant()}@example.org";

    public static bool PassesLuhn(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 12 && LuhnCheckDigit(digits[..^1]) == digits[^1] - '0';
    }

    public static bool IsValidKoreanResidentNumber(string rrn)
    {
        var digits = rrn.Replace("-", "", StringComparison.Ordinal);
        return digits.Length == 13 && digits.All(char.IsAsciiDigit) && RrnCheckDigit(digits[..12]) == digits[12] - '0';
    }

    private static int LuhnCheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10;
    }

    private static int RrnCheckDigit(string twelveDigits)
    {
        int[] weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (twelveDigits[i] - '0') * weights[i];
        }

        return (11 - (sum % 11)) % 10;
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected), as GitHub's token checksum uses.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
