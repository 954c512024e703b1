namespace AgentLedger.Core.Analytics;

/// <summary>
/// A keyset position in a time series: rows come in (bucket start, group key) order, and a page resumes after the
/// last row it returned. <see cref="GroupKey"/> null means "before the first group of the bucket".
/// </summary>
public sealed record AnalyticsPosition(long BucketStart, string? GroupKey);
