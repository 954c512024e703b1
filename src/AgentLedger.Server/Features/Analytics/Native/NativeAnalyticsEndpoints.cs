using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// The native analytics API under <c>/api/v1/analytics/workspaces/{workspace_id}</c>: hourly, daily or weekly time
/// series in a time zone, grouped and filtered by user, team, surface, client, model or agent, as JSON or CSV with
/// identical rows. Every dashboard chart is one call of these. Contract: docs/api/analytics.md.
/// </summary>
public static class NativeAnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapNativeAnalytics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/analytics/workspaces/{workspace_id}")
            .RequireOwnWorkspace()
            .RequireScope(ApiKeyScope.AnalyticsRead)
            .WithTags("Analytics");
        group.MapGet("/usage", UsageAsync).WithName("AnalyticsUsage")
            .WithSummary("Threads, turns, messages, tokens, cost and credits per bucket (default: whole workspace).");
        group.MapGet("/active_users", ActiveUsersAsync).WithName("AnalyticsActiveUsers")
            .WithSummary("Active users per bucket (default: by surface — CLI, IDE, desktop, cloud, code review).");
        group.MapGet("/active_user_counts", ActiveUserCountsAsync).WithName("AnalyticsActiveUserCounts")
            .WithSummary("Distinct active users over the last N days (default today, 7 and 30 days), each user counted once per period.")
            .WithDescription("One distinct count per period over the rollups; filters as on the time series. A period of N days is the N local days "
                             + "ending with today in time_zone. Counts filtered to teams below the workspace's minimum group size are left out.");
        group.MapGet("/code_reviews", CodeReviewsAsync).WithName("AnalyticsCodeReviews")
            .WithSummary("AI code reviews and review comments by priority per bucket.");
        group.MapGet("/code_review_engagement", EngagementAsync).WithName("AnalyticsCodeReviewEngagement")
            .WithSummary("Replies and reactions to AI review comments (sentiment) and engaged comments per bucket.");
        group.MapGet("/cloud_tasks", CloudTasksAsync).WithName("AnalyticsCloudTasks")
            .WithSummary("Cloud tasks created, completed and failed, and cloud users, per bucket.");
        group.MapGet("/sessions", SessionsAsync).WithName("AnalyticsSessions")
            .WithSummary("Sessions and messages per user (default) and bucket.");
        group.MapGet("/user_ranking", UserRankingAsync).WithName("AnalyticsUserRanking")
            .WithSummary("Users ranked by credits, threads, turns, tokens or current streak of active days.");
        group.MapGet("/dlp_findings", DlpFindingsAsync).WithName("AnalyticsDlpFindings")
            .WithSummary("DLP findings per bucket by rule (default), category or action, with how many were flagged and redacted.");
        return routes;
    }

    public static Task<Results<Ok<AnalyticsSeriesPage<UsageSeriesRow>>, CsvPageResult<UsageSeriesRow>, ValidationProblem>> UsageAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.Usage, SeriesRowMappers.Usage, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<ActiveUsersRow>>, CsvPageResult<ActiveUsersRow>, ValidationProblem>> ActiveUsersAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.ActiveUsers, SeriesRowMappers.ActiveUsers, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<ActiveUserCountRow>>, CsvPageResult<ActiveUserCountRow>, ValidationProblem>> ActiveUserCountsAsync(
        [AsParameters] ActiveUserCountParameters parameters, HttpRequest request, ActiveUserCountResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<CodeReviewSeriesRow>>, CsvPageResult<CodeReviewSeriesRow>, ValidationProblem>> CodeReviewsAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.CodeReviews, SeriesRowMappers.CodeReviews, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<EngagementSeriesRow>>, CsvPageResult<EngagementSeriesRow>, ValidationProblem>> EngagementAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.Engagement, SeriesRowMappers.Engagement, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<CloudTaskSeriesRow>>, CsvPageResult<CloudTaskSeriesRow>, ValidationProblem>> CloudTasksAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.CloudTasks, SeriesRowMappers.CloudTasks, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<SessionSeriesRow>>, CsvPageResult<SessionSeriesRow>, ValidationProblem>> SessionsAsync(
        [AsParameters] SeriesQueryParameters parameters, HttpRequest request, SeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, SeriesDataset.Sessions, SeriesRowMappers.Sessions, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<UserRankingRow>>, CsvPageResult<UserRankingRow>, ValidationProblem>> UserRankingAsync(
        [AsParameters] UserRankingParameters parameters, HttpRequest request, UserRankingResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, cancellationToken);

    public static Task<Results<Ok<AnalyticsSeriesPage<DlpFindingSeriesRow>>, CsvPageResult<DlpFindingSeriesRow>, ValidationProblem>> DlpFindingsAsync(
        [AsParameters] DlpFindingSeriesParameters parameters, HttpRequest request, DlpFindingSeriesResponder responder, CancellationToken cancellationToken) =>
        responder.RespondAsync(parameters, request, cancellationToken);
}
