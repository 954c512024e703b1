namespace AgentLedger.Core.Analytics;

/// <summary>
/// Which activity makes a (bucket, group) appear as a row. Counters are non-negative sums, so a group has such
/// activity in a bucket exactly when one of its hourly rollup rows does.
/// </summary>
public enum AnalyticsActivity
{
    /// <summary>Any stored record.</summary>
    Any = 0,

    /// <summary>Code reviews, review comments, replies or reactions; rows also carry comment engagement.</summary>
    CodeReview,

    /// <summary>Cloud tasks created, completed or failed.</summary>
    CloudTasks,
}
