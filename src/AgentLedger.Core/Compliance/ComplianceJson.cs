using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Shared settings of every JSON line AgentLedger writes for compliance consumers. The relaxed encoder keeps non-ASCII
/// prompt text readable (these lines go to files and SIEMs, never into HTML); output is deterministic for equal input,
/// which is what lets a sealed file's SHA-256 be checked again.
/// </summary>
public static class ComplianceJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>RFC 3339 in UTC with six fractional digits, as OpenAI's compliance logs write timestamps.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Null for null or empty: request metadata a client did not send (an empty User-Agent) is absent, not "".</summary>
    public static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static void WriteStringIfNotNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNumberIfNotNull(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    public static void WriteNumberIfNotNull(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
