namespace AgentLedger.Core.Analytics;

/// <summary>
/// Pages a time series over the hourly rollups in (bucket start, group key) order. A page reads only the hours of the
/// buckets it returns (plus one look-ahead row to know whether more follow), and, grouped by user, only the rows
/// of the users it returns: its cost follows the page, not the window or the history. Empty stretches are skipped
/// with one index seek.
/// </summary>
/// <remarks>
/// Paging is keyset, not snapshot: rows that arrive later in a bucket already returned are not revisited, rows of
/// later buckets are seen, and no (bucket, group) row is ever returned twice or skipped.
/// </remarks>
public sealed class AnalyticsPageReader(IAnalyticsReader reader)
{
    public async Task<AnalyticsPage> ReadPageAsync(AnalyticsQuery query, AnalyticsPosition? after, CancellationToken cancellationToken)
    {
        var calendar = query.Calendar;
        var rows = new List<AnalyticsSeriesRow>(Math.Min(query.Limit + 1, 4096));
        var bucket = after?.BucketStart ?? query.From;
        var afterKey = after?.GroupKey;
        while (bucket < query.To && rows.Count <= query.Limit)
        {
            var first = await reader.FirstActiveHourAsync(query.Scope, bucket, query.To, cancellationToken).ConfigureAwait(false);
            if (first is null)
            {
                break;
            }

            var end = calendar.NextBucketStart(bucket);
            if (first.Value >= end)
            {
                bucket = calendar.BucketStartOf(first.Value);
                afterKey = null;
                continue;
            }

            var need = query.Limit + 1 - rows.Count;
            rows.AddRange(await ReadBucketAsync(query, bucket, end, afterKey, need, cancellationToken).ConfigureAwait(false));
            bucket = end;
            afterKey = null;
        }

        var hasMore = rows.Count > query.Limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var next = hasMore ? new AnalyticsPosition(rows[^1].BucketStart, rows[^1].GroupKey) : null;
        return new AnalyticsPage(rows, hasMore, next);
    }

    private async Task<IEnumerable<AnalyticsSeriesRow>> ReadBucketAsync(
        AnalyticsQuery query, long start, long end, string? afterKey, int need, CancellationToken cancellationToken)
    {
        // Grouped by user, storage reads only the rows of the next users after the position (one index range per hour or
        // day); otherwise the bucket's rows.
        var cells = query.GroupBy == AnalyticsGroupBy.User
            ? await reader.ReadCellsAsync(query.Scope, start, end, afterKey, need, cancellationToken).ConfigureAwait(false)
            : await reader.ReadCellsAsync(query.Scope, start, end, null, null, cancellationToken).ConfigureAwait(false);
        var groups = new Dictionary<string, AnalyticsSeriesRow>(StringComparer.Ordinal);
        AnalyticsSeriesRow? last = null;
        foreach (var cell in cells)
        {
            var key = AnalyticsGroupKeys.Of(cell, query.GroupBy);
            // Storage returns a group's cells mostly side by side (rollup key order), so the previous row usually matches.
            if (last is null || !string.Equals(last.GroupKey, key, StringComparison.Ordinal))
            {
                if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                {
                    continue;
                }

                if (!groups.TryGetValue(key, out last))
                {
                    last = new AnalyticsSeriesRow(start, end, key);
                    groups.Add(key, last);
                }
            }

            last.Add(cell);
        }

        // A group seen only through engagement cells (a reply to a comment of an earlier bucket) has no activity of
        // its own in this bucket's rollup and is not a row of it.
        var rows = groups.Values.Where(r => r.Totals.Records > 0).ToList();
        rows.Sort((a, b) => string.CompareOrdinal(a.GroupKey, b.GroupKey));
        return rows.Count > need ? rows.GetRange(0, need) : rows;
    }
}
