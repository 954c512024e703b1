namespace AgentLedger.Core.Analytics;

/// <summary>
/// Storage capability behind analytics: reads the rollups (never raw records) by hour, so that a page costs what its
/// buckets hold, not what the workspace's history holds. A range of whole UTC days may be answered from the daily
/// rollup (<see cref="DailyRollup"/>): the same sums in fewer rows.
/// </summary>
public interface IAnalyticsReader
{
    /// <summary>The first hour in [<paramref name="fromHour"/>, <paramref name="toHour"/>) with rows in scope, or null.</summary>
    Task<long?> FirstActiveHourAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken);

    /// <summary>
    /// Every rollup row in scope in the hours [<paramref name="fromHour"/>, <paramref name="toHour"/>); with
    /// <paramref name="userLimit"/>, only the rows of the <paramref name="userLimit"/> smallest user ids (ordinal) after
    /// <paramref name="afterUser"/> that have rows in scope there (a page's users, found and read in one call); with
    /// review-comment engagement cells of the same users when the scope's activity is code review. Only the counters of
    /// <see cref="AnalyticsMeasureSets.For(AnalyticsScope)"/> the scope's activity are read; the others are zero.
    /// </summary>
    Task<IReadOnlyList<AnalyticsCell>> ReadCellsAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int? userLimit, CancellationToken cancellationToken);

    /// <summary>
    /// The user-free daily rollups (<see cref="DailyGroupRollup"/>) over the whole UTC days [<paramref name="fromDay"/>,
    /// <paramref name="toDay"/>): usage cells summed per (UTC day, team when grouping by team, client, model) with an
    /// empty user, and the active users of each (day, group key of <paramref name="groupBy"/>). Only for scopes that
    /// <see cref="DailyGroupRollup.ExactDimension"/> answers with <paramref name="groupBy"/>.
    /// </summary>
    Task<DailyGroups> ReadDailyGroupsAsync(
        AnalyticsScope scope, AnalyticsGroupBy groupBy, long fromDay, long toDay, CancellationToken cancellationToken);

    /// <summary>
    /// For each of <paramref name="periods"/> (in order), how many distinct users
    /// (<see cref="AgentLedger.Core.Metrics.MetricDefinitions.ActiveUser"/>, each once) have rows in scope in [FromHour, ToHour),
    /// for "active users in the last N days", on one connection. With <paramref name="useUserFreeRollups"/>, whole UTC
    /// days are counted from the user-free rollups where they answer exactly (<see cref="DailyGroupRollup"/>: each user's
    /// last active day, else the membership rows); without, always from the per-user rollups. The counts are the same.
    /// </summary>
    Task<IReadOnlyList<int>> CountActiveUsersAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups, CancellationToken cancellationToken);

    /// <summary>Per-user totals over [<paramref name="fromHour"/>, <paramref name="toHour"/>), for rankings.</summary>
    Task<IReadOnlyList<AnalyticsCell>> ReadUserTotalsAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken);

    /// <summary>The distinct (user, hour) pairs with records in scope, for active-day streaks.</summary>
    Task<IReadOnlyList<(string UserId, long HourStart)>> ReadActiveHoursAsync(
        AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken);

    /// <summary>E-mail addresses of directory users, by user id (absent when unknown).</summary>
    Task<IReadOnlyDictionary<string, string>> ReadUserEmailsAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);
}
