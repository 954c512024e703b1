using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>Filtered reads of the records for the compliance feed, transcripts and exports; keyset on seq, never OFFSET.</summary>
public interface IComplianceRecordReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> records matching <paramref name="filter"/> with seq in
    /// (<paramref name="afterSeq"/>, <paramref name="uptoSeq"/>], in seq order. The seq bound keeps the work of one
    /// call proportional to the seq range, however selective the filter.
    /// </summary>
    Task<IReadOnlyList<ActivityRecord>> ReadAsync(
        string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The first (or, with <paramref name="last"/>, the last) seq in (<paramref name="afterSeq"/>, <paramref name="uptoSeq"/>]
    /// of a record occurring in [<paramref name="occurredFrom"/>, <paramref name="occurredBefore"/>) (a null bound is
    /// open), or null when there is none. Seq is the order of arrival, not of occurrence: a late record (old occurred_at,
    /// high seq) is found wherever it sits. A time-windowed read starts and stops here instead of walking every record
    /// of the range, so its cost follows the rows of the window, not the history: the engines look at the records at the
    /// range's edge first (<see cref="WindowEdgeProbe"/>), and only when none of them is in the window search the window
    /// through the (workspace_id, occurred_at) index. Engines implement this; callers use the two methods below.
    /// </summary>
    Task<long?> SeqInWindowAsync(
        string workspaceId, DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq, bool last,
        CancellationToken cancellationToken);

    /// <summary>Where a time-windowed read starts: <see cref="SeqInWindowAsync"/> from the start of the range.</summary>
    Task<long?> FirstSeqInWindowAsync(
        string workspaceId, DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq,
        CancellationToken cancellationToken) =>
        SeqInWindowAsync(workspaceId, occurredFrom, occurredBefore, afterSeq, uptoSeq, last: false, cancellationToken);

    /// <summary>Where a time-windowed read can stop: <see cref="SeqInWindowAsync"/> from the end of the range.</summary>
    Task<long?> LastSeqInWindowAsync(
        string workspaceId, DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq,
        CancellationToken cancellationToken) =>
        SeqInWindowAsync(workspaceId, occurredFrom, occurredBefore, afterSeq, uptoSeq, last: true, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records of one session with seq after <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<ActivityRecord>> ReadSessionAsync(
        string workspaceId, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> sessions of one user with records occurring in [<paramref name="start"/>,
    /// <paramref name="end"/>), most recent last record first (ties by session id). Reads the user's records of the window
    /// through the (workspace, user, occurred_at) index, never the whole feed. A session is listed when one of its records in
    /// the window matches <paramref name="filter"/> (surface, agent, team, model, …); its summary covers all its records in
    /// the window, so that a model filter does not hide the session's prompts (which name no model).
    /// </summary>
    Task<IReadOnlyList<UserSession>> ListUserSessionsAsync(
        string workspaceId, string userId, DateTimeOffset start, DateTimeOffset end, RecordFilter filter, int limit,
        CancellationToken cancellationToken);
}
