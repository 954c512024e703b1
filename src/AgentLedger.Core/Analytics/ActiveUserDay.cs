namespace AgentLedger.Core.Analytics;

/// <summary>
/// One row of the active-user membership rollup: <paramref name="UserId"/> had records on the UTC day starting at
/// <paramref name="DayStart"/> (Unix seconds) under <paramref name="Value"/> of <paramref name="Dimension"/> (wire names;
/// <c>workspace</c> has the value <c>""</c>). See <see cref="DailyGroupRollup"/>.
/// </summary>
public readonly record struct ActiveUserDay(string WorkspaceId, long DayStart, string Dimension, string Value, string UserId);
