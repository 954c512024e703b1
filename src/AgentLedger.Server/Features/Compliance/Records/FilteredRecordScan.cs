using System.Runtime.CompilerServices;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// Walks the matching records of a seq range page by page: each query covers at most <see cref="Window"/> seqs and
/// returns at most a page, so memory holds one page and no query's cost depends on how selective the filter is.
/// </summary>
public static class FilteredRecordScan
{
    /// <summary>Seqs one query may cover when a filter is set (without one, the page size bounds the work).</summary>
    public const long Window = 50_000;

    public static async IAsyncEnumerable<IReadOnlyList<ActivityRecord>> PagesAsync(
        IComplianceRecordReader reader, string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterSeq;
        while (after < uptoSeq)
        {
            var windowEnd = filter.IsEmpty ? uptoSeq : Math.Min(uptoSeq, after + Window);
            var page = await reader.ReadAsync(workspaceId, filter, after, windowEnd, pageSize, cancellationToken).ConfigureAwait(false);
            after = page.Count == pageSize ? page[^1].Seq : windowEnd;
            if (page.Count > 0)
            {
                yield return page;
            }
        }
    }

    /// <summary>The seq bound of one JSON page read after <paramref name="afterSeq"/>.</summary>
    public static long PageBound(RecordFilter filter, long afterSeq, long lastSeq) =>
        filter.IsEmpty ? lastSeq : Math.Min(lastSeq, afterSeq + Window);
}
