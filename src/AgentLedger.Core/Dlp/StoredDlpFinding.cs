using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// One DLP finding as stored in the findings table: the record it belongs to (by seq and id, with the record's time,
/// user, session and agent copied so that finding searches need no join), the rule and what policy did, where it is
/// (offsets in the stored text and in what was sent) and the keyed hash of the value. Never the value itself.
/// </summary>
public sealed record StoredDlpFinding
{
    public required string WorkspaceId { get; init; }

    /// <summary>The record's seq.</summary>
    public required long Seq { get; init; }

    /// <summary>Position among the record's findings (0-based, in the order of <c>Attributes["dlp_findings"]</c>).</summary>
    public required int Ordinal { get; init; }

    public required string RecordId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? UserId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>The record's agent, in its wire spelling.</summary>
    public required string Agent { get; init; }

    public required string Rule { get; init; }

    /// <summary><c>secret</c> or <c>pii</c>.</summary>
    public required string Category { get; init; }

    /// <summary><c>prompt_text</c>, <c>response_text</c>, <c>tool_input</c>, <c>tool_output</c> or <c>attributes.&lt;path&gt;</c>.</summary>
    public required string Field { get; init; }

    /// <summary><c>flag</c> or <c>redact</c>.</summary>
    public required string Action { get; init; }

    public required int Start { get; init; }

    public required int Length { get; init; }

    public required int OriginalStart { get; init; }

    public required int OriginalLength { get; init; }

    /// <summary>Lower-case hex HMAC-SHA256 of the value under the server's DLP hash key.</summary>
    public required string Hash { get; init; }

    /// <summary>The findings of a stored record (seq, user and team assigned), from its <c>dlp_findings</c> attribute.</summary>
    public static IReadOnlyList<StoredDlpFinding> Of(ActivityRecord record)
    {
        if (record.Attributes?[DlpWireNames.FindingsAttribute] is not JsonArray array || array.Count == 0)
        {
            return [];
        }

        var findings = new List<StoredDlpFinding>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject f)
            {
                continue;
            }

            findings.Add(new StoredDlpFinding
            {
                WorkspaceId = record.WorkspaceId,
                Seq = record.Seq,
                Ordinal = i,
                RecordId = record.Id,
                OccurredAt = record.OccurredAt,
                UserId = record.UserId,
                SessionId = record.SessionId,
                Agent = WireNames.Of(record.Agent),
                Rule = (string)f["rule"]!,
                Category = (string)f["category"]!,
                Field = (string)f["field"]!,
                Action = (string)f["action"]!,
                Start = (int)f["start"]!,
                Length = (int)f["length"]!,
                OriginalStart = (int)f["original_start"]!,
                OriginalLength = (int)f["original_length"]!,
                Hash = (string?)f[DlpWireNames.HashProperty] ?? "",
            });
        }

        return findings;
    }
}
