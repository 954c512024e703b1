namespace AgentLedger.Core.Analytics;

/// <summary>A decoded page cursor: the issuing query's fingerprint, its resolved window and the keyset position.</summary>
public sealed record AnalyticsCursor(string Fingerprint, long From, long To, AnalyticsPosition Position);
