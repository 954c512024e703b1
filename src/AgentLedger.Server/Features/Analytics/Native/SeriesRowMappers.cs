using AgentLedger.Core.Analytics;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Shapes time-series rows for each native endpoint.</summary>
public static class SeriesRowMappers
{
    public static UsageSeriesRow Usage(AnalyticsSeriesRow r, SeriesRowContext c)
    {
        var m = r.Totals;
        return new UsageSeriesRow(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), c.Email(r), r.ActiveUsers, m.Threads, m.Turns, m.Messages,
            m.ToolCalls, m.Errors, m.InputTokens, m.CachedInputTokens, m.OutputTokens, m.ReasoningTokens, m.CostUsd, m.Credits);
    }

    public static ActiveUsersRow ActiveUsers(AnalyticsSeriesRow r, SeriesRowContext c) =>
        new(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), r.ActiveUsers);

    public static CodeReviewSeriesRow CodeReviews(AnalyticsSeriesRow r, SeriesRowContext c)
    {
        var m = r.Totals;
        return new CodeReviewSeriesRow(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), c.Email(r), r.ActiveUsers, m.Reviews, m.ReviewComments,
            m.CommentsP0, m.CommentsP1, m.CommentsP2, m.CommentsP3);
    }

    public static EngagementSeriesRow Engagement(AnalyticsSeriesRow r, SeriesRowContext c)
    {
        var m = r.Totals;
        var e = r.Engagement;
        return new EngagementSeriesRow(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), c.Email(r), m.ReviewComments, m.Replies,
            m.ReactionsUp + m.ReactionsDown + m.ReactionsOther, m.ReactionsUp, m.ReactionsDown, m.ReactionsOther,
            e.Engaged, e.Reacted, e.Upvoted, e.Downvoted, e.ReactedOther, e.Replied);
    }

    public static CloudTaskSeriesRow CloudTasks(AnalyticsSeriesRow r, SeriesRowContext c)
    {
        var m = r.Totals;
        return new CloudTaskSeriesRow(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), c.Email(r), r.ActiveUsers,
            m.CloudTasksCreated, m.CloudTasksCompleted, m.CloudTasksFailed);
    }

    public static SessionSeriesRow Sessions(AnalyticsSeriesRow r, SeriesRowContext c)
    {
        var m = r.Totals;
        return new SessionSeriesRow(c.Time(r.BucketStart), c.Time(r.BucketEnd), c.Group(r), c.Email(r), m.Threads, m.Messages, m.Turns);
    }
}
