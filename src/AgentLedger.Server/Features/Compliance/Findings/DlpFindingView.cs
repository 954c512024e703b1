using AgentLedger.Core.Dlp;

namespace AgentLedger.Server.Features.Compliance.Findings;

/// <summary>
/// The JSON shape of one DLP finding in the Compliance API (the findings search and session transcripts). Never the
/// value: where it is and its keyed hash.
/// </summary>
/// <param name="Seq">The record's seq.</param>
/// <param name="Ordinal">Position among the record's findings (0-based).</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="OccurredAt">The record's occurred_at.</param>
/// <param name="UserId">The record's directory user.</param>
/// <param name="SessionId">The record's session (thread).</param>
/// <param name="Agent">The record's agent (codex, claude_code, …).</param>
/// <param name="Rule">The rule id (github-token, email, …; docs/dlp.md).</param>
/// <param name="Category">secret or pii.</param>
/// <param name="Field">prompt_text, response_text, tool_input, tool_output, or attributes.&lt;path&gt; for an attribute's string value.</param>
/// <param name="Action">flag (text kept) or redact (text replaced by [REDACTED:rule]).</param>
/// <param name="Start">UTF-16 offset in the field as stored (a redacted finding spans its marker).</param>
/// <param name="Length">UTF-16 length in the field as stored.</param>
/// <param name="OriginalStart">UTF-16 offset in the field as sent.</param>
/// <param name="OriginalLength">UTF-16 length of the value as sent.</param>
/// <param name="HmacSha256">Lower-case hex HMAC-SHA256 of the value's UTF-8 bytes under the server's DLP hash key; equal values share it.</param>
public sealed record DlpFindingView(
    long Seq,
    int Ordinal,
    string RecordId,
    DateTimeOffset OccurredAt,
    string? UserId,
    string? SessionId,
    string Agent,
    string Rule,
    string Category,
    string Field,
    string Action,
    int Start,
    int Length,
    int OriginalStart,
    int OriginalLength,
    string HmacSha256)
{
    public static DlpFindingView From(StoredDlpFinding f) => new(
        f.Seq, f.Ordinal, f.RecordId, f.OccurredAt, f.UserId, f.SessionId, f.Agent, f.Rule, f.Category, f.Field, f.Action, f.Start, f.Length,
        f.OriginalStart, f.OriginalLength, f.Hash);
}
