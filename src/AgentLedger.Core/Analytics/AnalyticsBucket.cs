namespace AgentLedger.Core.Analytics;

/// <summary>The width of one time-series bucket, in the query's time zone.</summary>
public enum AnalyticsBucket
{
    /// <summary>One hour.</summary>
    Hour = 0,

    /// <summary>Local midnight to the next local midnight: 23 or 25 hours on the days clocks change.</summary>
    Day,

    /// <summary>ISO week: local midnight of Monday to the next Monday's.</summary>
    Week,
}
