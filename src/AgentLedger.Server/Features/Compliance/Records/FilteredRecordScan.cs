using System.Runtime.CompilerServices;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// Walks the matching records of a seq range page by page: each query covers at most <see cref="Window"/> seqs and
/// returns at most a page, so memory holds one page and no query's cost depends on how selective the filter is. A time
/// filter first narrows the range to the seqs of the records occurring in it (<see cref="TimeRangeAsync"/>), so that the
/// last day of a long history costs the last day, not the walk through every earlier record.
/// </summary>
public static class FilteredRecordScan
{
    /// <summary>Seqs one query may cover when a filter is set (without one, the page size bounds the work).</summary>
    public const long Window = 50_000;

    public static async IAsyncEnumerable<IReadOnlyList<ActivityRecord>> PagesAsync(
        IComplianceRecordReader reader, string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (after, upto) = await TimeRangeAsync(reader, workspaceId, filter, afterSeq, uptoSeq, cancellationToken).ConfigureAwait(false);
        while (after < upto)
        {
            var windowEnd = filter.IsEmpty ? upto : Math.Min(upto, after + Window);
            var page = await reader.ReadAsync(workspaceId, filter, after, windowEnd, pageSize, cancellationToken).ConfigureAwait(false);
            after = page.Count == pageSize ? page[^1].Seq : windowEnd;
            if (page.Count > 0)
            {
                yield return page;
            }
        }
    }

    /// <summary>
    /// The part (after, upto] of (<paramref name="afterSeq"/>, <paramref name="uptoSeq"/>] that holds every record of the
    /// filter's time window: after is just before the window's first seq, upto its last (late arrivals included, wherever
    /// their seq). after ≥ upto when the window has no record in the range. Without a time condition, the range itself.
    /// </summary>
    public static async Task<(long After, long Upto)> TimeRangeAsync(
        IComplianceRecordReader reader, string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, CancellationToken cancellationToken)
    {
        var after = await StartAsync(reader, workspaceId, filter, afterSeq, uptoSeq, cancellationToken).ConfigureAwait(false);
        if (after >= uptoSeq || (filter.StartTime is null && filter.EndTime is null))
        {
            return (after, uptoSeq);
        }

        var last = await reader.LastSeqInWindowAsync(workspaceId, filter.StartTime, filter.EndTime, after, uptoSeq, cancellationToken)
            .ConfigureAwait(false);
        return (after, last ?? uptoSeq);
    }

    /// <summary>
    /// Where a read after <paramref name="afterSeq"/> can start: just before the first seq in (afterSeq, uptoSeq] of a record
    /// of the filter's time window, <paramref name="uptoSeq"/> when there is none, afterSeq without a time condition.
    /// </summary>
    public static async Task<long> StartAsync(
        IComplianceRecordReader reader, string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, CancellationToken cancellationToken)
    {
        if ((filter.StartTime is null && filter.EndTime is null) || afterSeq >= uptoSeq)
        {
            return afterSeq;
        }

        var first = await reader.FirstSeqInWindowAsync(workspaceId, filter.StartTime, filter.EndTime, afterSeq, uptoSeq, cancellationToken)
            .ConfigureAwait(false);
        return first is { } seq ? seq - 1 : uptoSeq;
    }

    /// <summary>The seq bound of one JSON page read after <paramref name="afterSeq"/>.</summary>
    public static long PageBound(RecordFilter filter, long afterSeq, long lastSeq) =>
        filter.IsEmpty ? lastSeq : Math.Min(lastSeq, afterSeq + Window);
}
