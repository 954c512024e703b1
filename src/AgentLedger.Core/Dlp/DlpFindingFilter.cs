namespace AgentLedger.Core.Dlp;

/// <summary>
/// Which findings a search returns. Every list is "any of" (empty = no condition); conditions combine with AND.
/// Values are wire names (rule ids, <c>secret</c>/<c>pii</c>, <c>flag</c>/<c>redact</c>).
/// </summary>
public sealed record DlpFindingFilter
{
    public static readonly DlpFindingFilter None = new();

    /// <summary>Inclusive lower bound on the record's occurred_at.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Exclusive upper bound on the record's occurred_at.</summary>
    public DateTimeOffset? EndTime { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> UserIds { get; init; } = [];

    public IReadOnlyList<string> SessionIds { get; init; } = [];

    /// <summary>Keyed hashes: every finding of the same value (under the same key).</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    public bool Matches(StoredDlpFinding f) =>
        (StartTime is not { } start || f.OccurredAt >= start)
        && (EndTime is not { } end || f.OccurredAt < end)
        && (Rules.Count == 0 || Rules.Contains(f.Rule))
        && (Categories.Count == 0 || Categories.Contains(f.Category))
        && (Actions.Count == 0 || Actions.Contains(f.Action))
        && (UserIds.Count == 0 || (f.UserId is not null && UserIds.Contains(f.UserId)))
        && (SessionIds.Count == 0 || (f.SessionId is not null && SessionIds.Contains(f.SessionId)))
        && (Hashes.Count == 0 || Hashes.Contains(f.Hash));
}
