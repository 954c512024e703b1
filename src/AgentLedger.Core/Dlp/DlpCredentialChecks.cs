using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace AgentLedger.Core.Dlp;

/// <summary>Checks behind the <c>jwt</c> and <c>generic-credential</c> rules, which need more than a pattern.</summary>
public static class DlpCredentialChecks
{
    /// <summary>
    /// A credential-looking name, optional suffix, an assignment operator, optional quote, then the value
    /// (<c>v</c>): printable ASCII without quotes, brackets, <c>$</c>, <c>%</c> or <c>\</c> — those mark code and
    /// templates, not secrets — so that the value also ends where Korean or other non-ASCII prose resumes.
    /// </summary>
    public const string AssignmentPattern =
        """(?i)(passw(or)?d|pwd|secret|api[_.-]?key|access[_.-]?key|auth[_.-]?token|access[_.-]?token|client[_.-]?secret|token|credentials?)[a-z0-9_.-]{0,20}["']?[ \t]*(=|:|:=|=>)[ \t]*["']?(?<v>[A-Za-z0-9!#&*+./:?@^_|~-][A-Za-z0-9!#&*+./:=?@^_|~-]{7,199})""";

    /// <summary>Values at or above this Shannon entropy (bits per character) count as random enough to be a secret.</summary>
    public const double MinEntropy = 3.0;

    /// <summary>Values without a digit must be more random than this (long letter-only tokens).</summary>
    public const double MinEntropyWithoutDigit = 4.0;

    public static IReadOnlyList<string> Keywords { get; } = ["pass", "pwd", "secret", "key", "token", "credential"];

    private static readonly SearchValues<string> Placeholders = SearchValues.Create(
        ["example", "placeholder", "your", "xxxx", "****", "changeme", "redacted", "dummy", "sample", "://", "env.", "environ", "getenv"],
        StringComparison.OrdinalIgnoreCase);

    public static bool IsCredentialValue(string text, int start, int length)
    {
        var end = start + length;
        if (end < text.Length && !(char.IsWhiteSpace(text[end]) || text[end] > '\u007f' || text[end] is '"' or '\'' or '`' or ',' or ';' or '\\'))
        {
            // The value runs on into code (a call, an index, a template) or past the length limit.
            return false;
        }

        var value = text.AsSpan(start, length);
        if (value.ContainsAny(Placeholders))
        {
            return false;
        }

        var hasDigit = value.ContainsAnyInRange('0', '9');
        var hasLetter = value.IndexOfAnyInRange('a', 'z') >= 0 || value.IndexOfAnyInRange('A', 'Z') >= 0;
        var entropy = DlpChecks.Entropy(value);
        return hasLetter && (hasDigit ? entropy >= MinEntropy : entropy >= MinEntropyWithoutDigit);
    }

    /// <summary>A JWT's header must decode (base64url) to a JSON object naming its <c>alg</c>.</summary>
    public static bool IsJwt(ReadOnlySpan<char> token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot > 2048)
        {
            return false;
        }

        var header = token[..dot];
        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (Base64Url.DecodeFromChars(header, bytes, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("alg"u8))
                {
                    return true;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
