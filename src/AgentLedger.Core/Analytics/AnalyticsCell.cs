using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// One rollup row as analytics reads it: its hour (Unix seconds, UTC; the UTC day when storage answered from the daily
/// rollup, see <see cref="DailyRollup"/>), its dimensions in wire names, and either its usage counters or (for
/// review-comment state) its engagement counts. <see cref="ClientVersion"/> is set only on cells of the client-version rollup.
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
    ReviewEngagement? Engagement = null,
    string ClientVersion = "");
