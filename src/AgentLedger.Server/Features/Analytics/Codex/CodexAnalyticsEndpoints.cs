using AgentLedger.Core.Analytics;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Governance.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>
/// The Codex Analytics API, served from AgentLedger's rollups so that collectors written against
/// <c>https://api.chatgpt.com/v1/analytics/codex</c> work unchanged: daily rows in UTC, cursor pages, 422 with
/// <c>detail[]</c> for bad parameters. Contract: docs/api/analytics.md.
/// </summary>
public static class CodexAnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapCodexAnalytics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/analytics/codex/workspaces/{workspace_id}")
            .RequireOwnWorkspace()
            .RequireScope(ApiKeyScope.AnalyticsRead)
            .WithTags("Analytics (Codex-compatible)");
        group.MapGet("/usage", UsageAsync).WithName("CodexUsage")
            .WithSummary("Daily usage per user (or per workspace with group=workspace): threads, turns, credits and tokens by client and model.");
        group.MapGet("/code_reviews", CodeReviewsAsync).WithName("CodexCodeReviews")
            .WithSummary("Daily AI code reviews and review comments by priority.");
        group.MapGet("/code_review_responses", CodeReviewResponsesAsync).WithName("CodexCodeReviewResponses")
            .WithSummary("Daily replies and reactions to AI review comments, and how many comments were engaged with.");
        return routes;
    }

    public static async Task<Results<Ok<CodexPage<CodexUsageRow>>, UnprocessableEntity<CodexValidationError>>> UsageAsync(
        [AsParameters] CodexQueryParameters parameters, AnalyticsPageReader pages, IAnalyticsReader reader, AnalyticsPrivacy privacy,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, after, errors) = CodexQueryParser.Parse(parameters, "codex.usage", AnalyticsActivity.Any, perUserAllowed: true, time.GetUtcNow());
        if (query is null)
        {
            return TypedResults.UnprocessableEntity(new CodexValidationError(errors));
        }

        var page = await pages.ReadPageAsync(query, after, cancellationToken).ConfigureAwait(false);
        var policy = await privacy.ForWorkspaceAsync(query.Scope.WorkspaceId, cancellationToken).ConfigureAwait(false);
        var perUser = query.GroupBy == AnalyticsGroupBy.User;
        var emails = perUser && !policy.Pseudonymise
            ? await reader.ReadUserEmailsAsync(query.Scope.WorkspaceId, page.Rows.Select(r => r.GroupKey).ToList(), cancellationToken).ConfigureAwait(false)
            : PrivacyPolicy.NoEmails;
        return TypedResults.Ok(Envelope(query, page, r => CodexRowMapper.Usage(r, perUser, emails, policy)));
    }

    public static Task<Results<Ok<CodexPage<CodexReviewsRow>>, UnprocessableEntity<CodexValidationError>>> CodeReviewsAsync(
        [AsParameters] CodexQueryParameters parameters, AnalyticsPageReader pages, TimeProvider time, CancellationToken cancellationToken) =>
        WorkspaceSeriesAsync(parameters, "codex.code_reviews", pages, time, CodexRowMapper.Reviews, cancellationToken);

    public static Task<Results<Ok<CodexPage<CodexCodeReviewResponseRow>>, UnprocessableEntity<CodexValidationError>>> CodeReviewResponsesAsync(
        [AsParameters] CodexQueryParameters parameters, AnalyticsPageReader pages, TimeProvider time, CancellationToken cancellationToken) =>
        WorkspaceSeriesAsync(parameters, "codex.code_review_responses", pages, time, CodexRowMapper.Responses, cancellationToken);

    private static async Task<Results<Ok<CodexPage<T>>, UnprocessableEntity<CodexValidationError>>> WorkspaceSeriesAsync<T>(
        CodexQueryParameters parameters, string dataset, AnalyticsPageReader pages, TimeProvider time, Func<AnalyticsSeriesRow, T> map,
        CancellationToken cancellationToken)
    {
        var (query, after, errors) = CodexQueryParser.Parse(parameters, dataset, AnalyticsActivity.CodeReview, perUserAllowed: false, time.GetUtcNow());
        if (query is null)
        {
            return TypedResults.UnprocessableEntity(new CodexValidationError(errors));
        }

        var page = await pages.ReadPageAsync(query, after, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Envelope(query, page, map));
    }

    private static CodexPage<T> Envelope<T>(AnalyticsQuery query, AnalyticsPage page, Func<AnalyticsSeriesRow, T> map) =>
        new(page.Rows.Select(map).ToList(), page.HasMore, page.Next is null ? null : AnalyticsCursorCodec.Encode(query, page.Next));
}
