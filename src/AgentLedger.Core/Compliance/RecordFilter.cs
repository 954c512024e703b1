using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Which records a compliance read or export covers. Every list is "any of" (empty = no condition); conditions combine
/// with AND. Each engine translates it to SQL; <see cref="Matches"/> is the same rule in memory. A new condition is a
/// new property here, a clause in each engine's translation and a case in <see cref="Matches"/> (as the DLP conditions were).
/// </summary>
public sealed record RecordFilter
{
    public const int MaxValuesPerList = 100;
    public const int MaxTextLength = 256;

    public static readonly RecordFilter None = new();

    /// <summary>Inclusive lower bound on <see cref="ActivityRecord.OccurredAt"/>.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Exclusive upper bound on <see cref="ActivityRecord.OccurredAt"/>.</summary>
    public DateTimeOffset? EndTime { get; init; }

    public IReadOnlyList<string> UserIds { get; init; } = [];

    /// <summary>Users by their directory e-mail (normalised to lower case).</summary>
    public IReadOnlyList<string> UserEmails { get; init; } = [];

    public IReadOnlyList<string> Teams { get; init; } = [];

    public IReadOnlyList<Agent> Agents { get; init; } = [];

    public IReadOnlyList<Surface> Surfaces { get; init; } = [];

    public IReadOnlyList<ClientId> ClientIds { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public IReadOnlyList<RecordKind> Kinds { get; init; } = [];

    public IReadOnlyList<string> SessionIds { get; init; } = [];

    /// <summary>
    /// Substring of the prompt, response, tool input or tool output. ASCII letters match regardless of case; every other
    /// character must match exactly (the same on every engine, whatever its collation).
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Records with a DLP finding of one of these rules (combined with the other DLP lists: one finding must match all).</summary>
    public IReadOnlyList<string> DlpRules { get; init; } = [];

    /// <summary>Records with a DLP finding of one of these categories (<c>secret</c>, <c>pii</c>).</summary>
    public IReadOnlyList<string> DlpCategories { get; init; } = [];

    /// <summary>Records with a DLP finding handled by one of these actions (<c>flag</c>, <c>redact</c>).</summary>
    public IReadOnlyList<string> DlpActions { get; init; } = [];

    public bool HasDlpCondition => DlpRules.Count > 0 || DlpCategories.Count > 0 || DlpActions.Count > 0;

    public bool IsEmpty =>
        StartTime is null && EndTime is null && Text is null && UserIds.Count == 0 && UserEmails.Count == 0 && Teams.Count == 0
        && Agents.Count == 0 && Surfaces.Count == 0 && ClientIds.Count == 0 && Models.Count == 0 && Kinds.Count == 0
        && SessionIds.Count == 0 && !HasDlpCondition;

    /// <summary>The text condition as engines compare it: ASCII letters lower-cased, nothing else changed.</summary>
    public string? TextFolded => Text is null ? null : FoldAscii(Text);

    /// <summary>Whether <paramref name="record"/> satisfies the filter; <paramref name="emailOfUser"/> gives a user's directory e-mail.</summary>
    public bool Matches(ActivityRecord record, Func<string, string?> emailOfUser)
    {
        if ((StartTime is { } start && record.OccurredAt < start) || (EndTime is { } end && record.OccurredAt >= end))
        {
            return false;
        }

        if ((UserIds.Count > 0 && (record.UserId is null || !UserIds.Contains(record.UserId)))
            || (UserEmails.Count > 0 && (record.UserId is null || emailOfUser(record.UserId) is not { } email || !UserEmails.Contains(email)))
            || (Teams.Count > 0 && (record.Team is null || !Teams.Contains(record.Team)))
            || (Agents.Count > 0 && !Agents.Contains(record.Agent))
            || (Surfaces.Count > 0 && !Surfaces.Contains(record.Surface))
            || (ClientIds.Count > 0 && !ClientIds.Contains(record.ClientId))
            || (Models.Count > 0 && (record.Model is null || !Models.Contains(record.Model)))
            || (Kinds.Count > 0 && !Kinds.Contains(record.Kind))
            || (SessionIds.Count > 0 && (record.SessionId is null || !SessionIds.Contains(record.SessionId))))
        {
            return false;
        }

        if (HasDlpCondition && !HasMatchingFinding(record))
        {
            return false;
        }

        return TextFolded is not { } text
               || Contains(record.PromptText, text) || Contains(record.ResponseText, text)
               || Contains(record.ToolInput, text) || Contains(record.ToolOutput, text);
    }

    private bool HasMatchingFinding(ActivityRecord record) =>
        record.Attributes?[DlpWireNames.FindingsAttribute] is JsonArray findings
        && findings.OfType<JsonObject>().Any(f =>
            (DlpRules.Count == 0 || DlpRules.Contains((string?)f["rule"] ?? ""))
            && (DlpCategories.Count == 0 || DlpCategories.Contains((string?)f["category"] ?? ""))
            && (DlpActions.Count == 0 || DlpActions.Contains((string?)f["action"] ?? "")));

    public static string FoldAscii(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });

    private static bool Contains(string? haystack, string foldedNeedle) =>
        haystack is not null && FoldAscii(haystack).Contains(foldedNeedle, StringComparison.Ordinal);
}
