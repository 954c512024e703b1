namespace AgentLedger.Core.Dlp;

/// <summary>Reads the findings table (searches, keyset on (seq, ordinal)) and its hourly rollup (analytics).</summary>
public interface IDlpFindingReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> findings matching <paramref name="filter"/> after position
    /// (<paramref name="afterSeq"/>, <paramref name="afterOrdinal"/>), in (seq, ordinal) order.
    /// </summary>
    Task<IReadOnlyList<StoredDlpFinding>> ReadAsync(
        string workspaceId, DlpFindingFilter filter, long afterSeq, int afterOrdinal, int limit, CancellationToken cancellationToken);

    /// <summary>The findings of the given records (by seq), in (seq, ordinal) order.</summary>
    Task<IReadOnlyList<StoredDlpFinding>> ReadForRecordsAsync(string workspaceId, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken);

    /// <summary>The first hour (Unix seconds) in [<paramref name="fromHour"/>, <paramref name="toHour"/>) with findings in scope, or null.</summary>
    Task<long?> FirstFindingHourAsync(string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken);

    /// <summary>
    /// Hourly counts in [<paramref name="fromHour"/>, <paramref name="toHour"/>) by rule and action; only the rule,
    /// category and action conditions of <paramref name="filter"/> apply (the rollup keeps no user or session).
    /// </summary>
    Task<IReadOnlyList<DlpFindingCount>> ReadHourlyCountsAsync(
        string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken);
}
