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
/// <param name="reader">Storage.</param>
/// <param name="useUserFreeRollups">Whether queries that <see cref="ReadsDailyGroups"/> read the user-free daily rollups (false: always the per-user ones).</param>
public sealed class AnalyticsPageReader(IAnalyticsReader reader, bool useUserFreeRollups = true)
{
    /// <summary>
    /// Buckets read in one storage call when not grouping by user (a month of days): such a bucket has one row per
    /// group at most, so a page needs few buckets' cells, and reading them together saves two statements per bucket.
    /// </summary>
    public const int MaxBucketsPerRead = 31;

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
            if (query.GroupBy == AnalyticsGroupBy.User)
            {
                // Grouped by user, storage reads only the rows of the next users after the position (one index range per
                // hour or day).
                var cells = await reader.ReadCellsAsync(query.Scope, bucket, end, afterKey, need, cancellationToken).ConfigureAwait(false);
                rows.AddRange(Rows(query.GroupBy, bucket, end, cells, afterKey, need));
                bucket = end;
            }
            else
            {
                var readEnd = ReadEnd(calendar, bucket, end, query.To, need);
                IReadOnlyList<AnalyticsCell> cells;
                IReadOnlyDictionary<(long, string), int>? counted = null;
                if (useUserFreeRollups && ReadsDailyGroups(query))
                {
                    var groups = await reader.ReadDailyGroupsAsync(query.Scope, query.GroupBy, bucket, readEnd, cancellationToken).ConfigureAwait(false);
                    (cells, counted) = (groups.Cells, groups.ActiveUsers);
                }
                else
                {
                    cells = await reader.ReadCellsAsync(query.Scope, bucket, readEnd, null, null, cancellationToken).ConfigureAwait(false);
                }

                foreach (var (start, bucketCells) in ByBucket(calendar, cells))
                {
                    var left = query.Limit + 1 - rows.Count;
                    if (left <= 0)
                    {
                        break;
                    }

                    rows.AddRange(Rows(query.GroupBy, start, calendar.NextBucketStart(start), bucketCells, start == bucket ? afterKey : null, left, counted));
                }

                bucket = readEnd;
            }

            afterKey = null;
        }

        var hasMore = rows.Count > query.Limit;
        if (hasMore)
        {
            rows.RemoveRange(query.Limit, rows.Count - query.Limit);
        }

        var next = hasMore ? new AnalyticsPosition(rows[^1].BucketStart, rows[^1].GroupKey) : null;
        return new AnalyticsPage(rows, hasMore, next);
    }

    /// <summary>
    /// Whether the user-free daily rollups (<see cref="DailyGroupRollup"/>) answer the query exactly: UTC day buckets (so
    /// every bucket is a whole UTC day, and its distinct users are one day's), a grouping they keep, and a scope whose
    /// per-value active-user counts are exact. Sums come out the same as from the per-user rollups; active users come
    /// from the counts instead of a set of user ids. Weeks are not sums of days' distinct users, so they read the users.
    /// </summary>
    public static bool ReadsDailyGroups(AnalyticsQuery query) =>
        query.Calendar.Bucket == AnalyticsBucket.Day && query.Calendar.Zone == TimeZoneInfo.Utc
        && DailyGroupRollup.ExactDimension(query.Scope, query.GroupBy) is not null;

    /// <summary>
    /// The end of the buckets read together from <paramref name="start"/>: up to <paramref name="need"/> buckets (each
    /// active one yields a row), at most <see cref="MaxBucketsPerRead"/>, never past <paramref name="to"/>. The range must
    /// be answered from the same rollup as each of its buckets alone: storage reads the daily rollup for whole UTC days,
    /// so a range of whole UTC days may only hold buckets of whole UTC days (not hours of a day, nor local weeks that
    /// begin at 23:00 UTC in summer).
    /// </summary>
    private static long ReadEnd(BucketCalendar calendar, long start, long firstEnd, long to, int need)
    {
        var daily = DailyRollup.Covers(start, firstEnd);
        var end = firstEnd;
        for (var buckets = 1; buckets < Math.Min(need, MaxBucketsPerRead) && end < to; buckets++)
        {
            var next = calendar.NextBucketStart(end);
            if (daily ? next % DailyRollup.DaySeconds != 0 : DailyRollup.Covers(start, next))
            {
                break;
            }

            end = next;
        }

        return end;
    }

    /// <summary>Cells split by the bucket of their hour (or UTC day), in bucket order.</summary>
    private static SortedDictionary<long, List<AnalyticsCell>> ByBucket(BucketCalendar calendar, IReadOnlyList<AnalyticsCell> cells)
    {
        var buckets = new SortedDictionary<long, List<AnalyticsCell>>();
        long lastHour = long.MinValue;
        List<AnalyticsCell>? current = null;
        foreach (var cell in cells)
        {
            // Storage returns cells in time order mostly, so consecutive cells usually share their hour.
            if (current is null || cell.HourStart != lastHour)
            {
                var start = calendar.BucketStartOf(cell.HourStart);
                if (!buckets.TryGetValue(start, out current))
                {
                    current = [];
                    buckets.Add(start, current);
                }

                lastHour = cell.HourStart;
            }

            current.Add(cell);
        }

        return buckets;
    }

    private static List<AnalyticsSeriesRow> Rows(
        AnalyticsGroupBy groupBy, long start, long end, IEnumerable<AnalyticsCell> cells, string? afterKey, int need,
        IReadOnlyDictionary<(long, string), int>? counted = null)
    {
        var groups = new Dictionary<string, AnalyticsSeriesRow>(StringComparer.Ordinal);
        AnalyticsSeriesRow? last = null;
        foreach (var cell in cells)
        {
            var key = AnalyticsGroupKeys.Of(cell, groupBy);
            // Storage returns a group's cells mostly side by side (rollup key order), so the previous row usually matches.
            if (last is null || !string.Equals(last.GroupKey, key, StringComparison.Ordinal))
            {
                if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                {
                    last = null;
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
        foreach (var row in rows)
        {
            // The same figures print the same whichever rollup's rows were summed.
            row.NormalizeMoney();
            if (counted is not null)
            {
                row.UseActiveUserCount(counted.GetValueOrDefault((start, row.GroupKey)));
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.GroupKey, b.GroupKey));
        return rows.Count > need ? rows.GetRange(0, need) : rows;
    }
}
