using AgentLedger.Core.Analytics;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>A validated native analytics request: the query, where to resume, and the response format.</summary>
public sealed record SeriesRequest(AnalyticsQuery Query, AnalyticsPosition? After, bool Csv);
