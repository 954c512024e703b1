namespace AgentLedger.Core.Analytics;

/// <summary>
/// What <see cref="IAnalyticsReader.ReadDailyGroupsAsync"/> returns: user-free usage cells (one per UTC day, team, client
/// and model at most) and the active users of each (UTC day start, group key).
/// </summary>
public sealed record DailyGroups(IReadOnlyList<AnalyticsCell> Cells, IReadOnlyDictionary<(long DayStart, string GroupKey), int> ActiveUsers);
