namespace AgentLedger.Core.Analytics;

/// <summary>A page of a time series, chronological; <see cref="Next"/> is where the next page starts, null at the end.</summary>
public sealed record AnalyticsPage(IReadOnlyList<AnalyticsSeriesRow> Rows, bool HasMore, AnalyticsPosition? Next);
