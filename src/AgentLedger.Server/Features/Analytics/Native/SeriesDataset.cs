using AgentLedger.Core.Analytics;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>One native time-series endpoint: its cursor name, the activity that makes rows, and its default grouping.</summary>
public sealed record SeriesDataset(string Name, AnalyticsActivity Activity, AnalyticsGroupBy DefaultGroup)
{
    public static readonly SeriesDataset Usage = new("usage", AnalyticsActivity.Any, AnalyticsGroupBy.Workspace);
    public static readonly SeriesDataset ActiveUsers = new("active_users", AnalyticsActivity.Any, AnalyticsGroupBy.Surface);
    public static readonly SeriesDataset CodeReviews = new("code_reviews", AnalyticsActivity.CodeReview, AnalyticsGroupBy.Workspace);
    public static readonly SeriesDataset Engagement = new("code_review_engagement", AnalyticsActivity.CodeReview, AnalyticsGroupBy.Workspace);
    public static readonly SeriesDataset CloudTasks = new("cloud_tasks", AnalyticsActivity.CloudTasks, AnalyticsGroupBy.Workspace);
    public static readonly SeriesDataset Sessions = new("sessions", AnalyticsActivity.Any, AnalyticsGroupBy.User);
}
