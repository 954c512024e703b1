using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Analytics;

/// <summary>One row of a time series: a bucket, a group, its summed counters, its breakdowns and its active users.</summary>
public sealed class AnalyticsSeriesRow(long bucketStart, long bucketEnd, string groupKey)
{
    private readonly HashSet<string> _activeUsers = new(StringComparer.Ordinal);
    private int? _countedUsers;

    public long BucketStart { get; } = bucketStart;

    public long BucketEnd { get; } = bucketEnd;

    /// <summary>The group's key in wire spelling (user id, team, surface, client id, model, agent; empty for the workspace).</summary>
    public string GroupKey { get; } = groupKey;

    public UsageMeasures Totals { get; } = new();

    /// <summary>Counters per client id, ordered by client id.</summary>
    public SortedList<string, UsageMeasures> ByClient { get; } = new(StringComparer.Ordinal);

    /// <summary>Counters per model (empty string: records without a model), ordered by model.</summary>
    public SortedList<string, UsageMeasures> ByModel { get; } = new(StringComparer.Ordinal);

    public ReviewEngagement Engagement { get; } = new();

    /// <summary>
    /// <see cref="MetricDefinitions.ActiveUser"/>: directory users with any record in the bucket and group; counted from
    /// the cells' users, or given by the active-user rollup when the cells are user-free (<see cref="UseActiveUserCount"/>).
    /// </summary>
    public int ActiveUsers => _countedUsers ?? _activeUsers.Count;

    /// <summary>Sets <see cref="ActiveUsers"/> from the active-user rollup (<see cref="DailyGroupRollup"/>), for rows built from user-free cells.</summary>
    public void UseActiveUserCount(int users) => _countedUsers = users;

    public void Add(AnalyticsCell cell)
    {
        if (cell.Engagement is not null)
        {
            Engagement.Add(cell.Engagement);
            return;
        }

        Totals.Add(cell.Measures);
        Get(ByClient, cell.ClientId).Add(cell.Measures);
        Get(ByModel, cell.Model).Add(cell.Measures);
        if (cell.Measures.Records > 0 && cell.UserId.Length > 0)
        {
            _activeUsers.Add(cell.UserId);
        }
    }

    /// <summary>Drops trailing zeros of the money sums (see <see cref="UsageMeasures.NormalizeMoney"/>), once the row is complete.</summary>
    public void NormalizeMoney()
    {
        Totals.NormalizeMoney();
        foreach (var measures in ByClient.Values.Concat(ByModel.Values))
        {
            measures.NormalizeMoney();
        }
    }

    private static UsageMeasures Get(SortedList<string, UsageMeasures> map, string key)
    {
        if (!map.TryGetValue(key, out var measures))
        {
            measures = new UsageMeasures();
            map.Add(key, measures);
        }

        return measures;
    }
}
