namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// A record filter as a client sends it, in the query string of a read or the body of an export: times as RFC 3339 or
/// Unix seconds, enums by their wire names. <see cref="RecordFilterParser"/> turns it into a Core filter or names what
/// is wrong.
/// </summary>
public sealed record RecordFilterInput
{
    public string? StartTime { get; init; }

    public string? EndTime { get; init; }

    public IReadOnlyList<string>? UserIds { get; init; }

    public IReadOnlyList<string>? UserEmails { get; init; }

    public IReadOnlyList<string>? Teams { get; init; }

    public IReadOnlyList<string>? Agents { get; init; }

    public IReadOnlyList<string>? Surfaces { get; init; }

    public IReadOnlyList<string>? ClientIds { get; init; }

    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyList<string>? Kinds { get; init; }

    public IReadOnlyList<string>? SessionIds { get; init; }

    /// <summary>Substring of prompt, response or tool text; ASCII letters match in any case.</summary>
    public string? Text { get; init; }

    /// <summary>Records with a DLP finding of these rules (rule ids).</summary>
    public IReadOnlyList<string>? DlpRules { get; init; }

    /// <summary>Records with a DLP finding of these categories (secret, pii).</summary>
    public IReadOnlyList<string>? DlpCategories { get; init; }

    /// <summary>Records with a DLP finding handled by these actions (flag, redact).</summary>
    public IReadOnlyList<string>? DlpActions { get; init; }
}
