using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using AgentLedger.Server.Features.Governance.Privacy;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Shapes time-series rows as the Codex Analytics API's rows.</summary>
public static class CodexRowMapper
{
    public static CodexUsageRow Usage(AnalyticsSeriesRow row, bool perUser, IReadOnlyDictionary<string, string> emails, PrivacyPolicy privacy)
    {
        var email = perUser ? privacy.Email(emails.GetValueOrDefault(row.GroupKey)) : null;
        var userId = privacy.UserId(row.GroupKey);
        var m = row.Totals;
        var totals = new CodexUsageTotals(
            m.Threads, m.Turns, m.Credits, m.CostUsd, Uncached(m), m.CachedInputTokens, m.OutputTokens, m.InputTokens + m.OutputTokens);
        var clients = row.ByClient
            .Select(c => new CodexClientUsage(
                c.Key, c.Value.Threads, c.Value.Turns, c.Value.Credits, Uncached(c.Value), c.Value.CachedInputTokens, c.Value.OutputTokens,
                c.Value.InputTokens + c.Value.OutputTokens))
            .ToList();
        var models = row.ByModel
            .Where(p => p.Value.Credits != 0 || p.Value.CostUsd != 0 || p.Value.InputTokens != 0 || p.Value.OutputTokens != 0)
            .GroupBy(p => p.Key.Length == 0 ? "other" : p.Key, StringComparer.Ordinal)
            .Select(g => new CodexModelUsage(g.Key, g.Sum(p => p.Value.Credits), g.Sum(p => p.Value.CostUsd)))
            .ToList();
        return new CodexUsageRow(
            row.BucketStart,
            row.BucketEnd,
            perUser ? userId : null,
            perUser ? new CodexActor(userId, email) : null,
            email,
            totals,
            clients,
            models);
    }

    public static CodexReviewsRow Reviews(AnalyticsSeriesRow row)
    {
        var m = row.Totals;
        return new CodexReviewsRow(row.BucketStart, row.BucketEnd, m.Reviews, m.ReviewComments,
            new CodexCommentDetails(m.CommentsP0, m.CommentsP1, m.CommentsP2, m.CommentsP3));
    }

    public static CodexCodeReviewResponseRow Responses(AnalyticsSeriesRow row)
    {
        var m = row.Totals;
        var e = row.Engagement;
        return new CodexCodeReviewResponseRow(
            row.BucketStart,
            row.BucketEnd,
            m.Reviews,
            m.ReviewComments,
            m.Replies,
            m.ReactionsUp + m.ReactionsDown + m.ReactionsOther,
            new CodexReactionDetails(m.ReactionsUp, m.ReactionsDown, m.ReactionsOther),
            new CodexCommentResponseDetails(e.Engaged, e.Reacted, e.Upvoted, e.Downvoted, e.ReactedOther, e.Replied));
    }

    private static long Uncached(UsageMeasures m) => Math.Max(0, m.InputTokens - m.CachedInputTokens);
}
