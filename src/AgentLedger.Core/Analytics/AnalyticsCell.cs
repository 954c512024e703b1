using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// One hourly rollup row as analytics reads it: the hour (Unix seconds, UTC), its dimensions in wire names, and
/// either its usage counters or (for review-comment state) its engagement counts.
/// </summary>
public sealed record AnalyticsCell(
    long HourStart,
    string UserId,
    string Team,
    string ClientId,
    string Model,
    string Agent,
    string Surface,
    UsageMeasures Measures,
    ReviewEngagement? Engagement = null);
