namespace AgentLedger.Core.Analytics;

/// <summary>
/// The analytics-specific definitions, beside <see cref="Metrics.MetricDefinitions"/>; docs/metrics.md and the
/// OpenAPI document quote these.
/// </summary>
public static class AnalyticsDefinitions
{
    public const string Sentiment = "Reactions to review comments: upvote (+1), downvote (-1), other (every other reaction).";

    public const string Engagement =
        "Per review comment, in the bucket of the comment: replied (has a reply), upvoted/downvoted/reacted_other (has such a reaction), " +
        "reacted (any reaction), engaged (a reply or a reaction); counts of comments, as responded to so far.";

    public const string CurrentStreak =
        "Consecutive local days with any record, ending on the window's last day, or on the day before while the last day has no record yet.";

    public const string Bucket =
        "An hour, a day (local midnight to local midnight: 23 or 25 hours when clocks change) or an ISO week in an IANA time zone; " +
        "a bucket the window touches is returned whole.";
}
