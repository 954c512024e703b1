using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// The rollup figures recomputed from stored records by the product's written definitions (docs of
/// <see cref="MetricDefinitions"/>), independently of the accumulator storage uses: keyed by hour, user, team,
/// client and model, each counter by its storage column name.
/// </summary>
public static class ExpectedRollups
{
    public static SortedDictionary<string, SortedDictionary<string, decimal>> From(IReadOnlyList<ActivityRecord> stored)
    {
        var firstOfSession = stored
            .Where(r => r.SessionId is not null)
            .GroupBy(r => (r.WorkspaceId, r.SessionId))
            .Select(g => g.MinBy(r => r.Seq)!)
            .Select(r => (r.WorkspaceId, r.Seq))
            .ToHashSet();
        var result = new SortedDictionary<string, SortedDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var r in stored)
        {
            var hour = r.OccurredAt.UtcDateTime;
            var key = Key(new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero), r.UserId ?? "", r.Team ?? "", r.ClientId, r.Model ?? "");
            if (!result.TryGetValue(key, out var m))
            {
                m = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var column in UsageMeasures.Columns)
                {
                    m[column.Name] = 0m;
                }

                result.Add(key, m);
            }

            m["records"]++;
            m["threads"] += firstOfSession.Contains((r.WorkspaceId, r.Seq)) ? 1 : 0;
            m["turns"] += r.Kind is RecordKind.UserPrompt or RecordKind.CloudTaskCreated ? 1 : 0;
            m["messages"] += r.Kind is RecordKind.UserPrompt ? 1 : 0;
            m["tool_calls"] += r.Kind is RecordKind.ToolResult ? 1 : 0;
            m["errors"] += r.Kind is RecordKind.ApiError or RecordKind.CloudTaskFailed || !string.IsNullOrEmpty(r.Error) ? 1 : 0;
            m["input_tokens"] += r.Usage.InputTokens;
            m["cached_input_tokens"] += r.Usage.CachedInputTokens;
            m["output_tokens"] += r.Usage.OutputTokens;
            m["reasoning_tokens"] += r.Usage.ReasoningTokens;
            m["cost_usd"] += r.CostUsd ?? 0;
            m["credits"] += r.Credits ?? 0;
            m["duration_ms"] += r.DurationMs ?? 0;
            m["cloud_tasks_created"] += r.Kind is RecordKind.CloudTaskCreated ? 1 : 0;
            m["cloud_tasks_completed"] += r.Kind is RecordKind.CloudTaskCompleted ? 1 : 0;
            m["cloud_tasks_failed"] += r.Kind is RecordKind.CloudTaskFailed ? 1 : 0;
            m["reviews"] += r.Kind is RecordKind.CodeReviewCompleted ? 1 : 0;
            m["review_comments"] += r.Kind is RecordKind.ReviewComment ? 1 : 0;
            m["comments_p0"] += r.Kind is RecordKind.ReviewComment && r.Review?.Priority == ReviewPriority.P0 ? 1 : 0;
            m["comments_p1"] += r.Kind is RecordKind.ReviewComment && r.Review?.Priority == ReviewPriority.P1 ? 1 : 0;
            m["comments_p2"] += r.Kind is RecordKind.ReviewComment && r.Review?.Priority == ReviewPriority.P2 ? 1 : 0;
            m["comments_p3"] += r.Kind is RecordKind.ReviewComment && r.Review?.Priority == ReviewPriority.P3 ? 1 : 0;
            m["replies"] += r.Kind is RecordKind.ReviewReply ? 1 : 0;
            m["reactions_up"] += r.Kind is RecordKind.ReviewReaction && r.Review?.Reaction == ReactionKind.Upvote ? 1 : 0;
            m["reactions_down"] += r.Kind is RecordKind.ReviewReaction && r.Review?.Reaction == ReactionKind.Downvote ? 1 : 0;
            m["reactions_other"] += r.Kind is RecordKind.ReviewReaction && r.Review?.Reaction is null or ReactionKind.Other ? 1 : 0;
        }

        return result;
    }

    /// <summary>The stored rollup rows in the same shape.</summary>
    public static SortedDictionary<string, SortedDictionary<string, decimal>> Of(IReadOnlyList<UsageRollupRow> rows)
    {
        var result = new SortedDictionary<string, SortedDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var m = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var column in UsageMeasures.Columns)
            {
                m[column.Name] = column.Get(row.Measures);
            }

            result.Add(Key(row.Key.HourStart, row.Key.UserId, row.Key.Team, row.Key.ClientId, row.Key.Model), m);
        }

        return result;
    }

    /// <summary>Asserts equal keys and, key by key, equal counters, naming the first that differs.</summary>
    public static void AssertEqual(
        SortedDictionary<string, SortedDictionary<string, decimal>> expected, SortedDictionary<string, SortedDictionary<string, decimal>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, measures) in expected)
        {
            foreach (var (column, value) in measures)
            {
                Assert.True(value == actual[key][column], $"{key} {column}: expected {value}, stored {actual[key][column]}");
            }
        }
    }

    /// <summary>Sums one counter over every row.</summary>
    public static decimal Total(SortedDictionary<string, SortedDictionary<string, decimal>> rollups, string column) =>
        rollups.Values.Sum(m => m[column]);

    private static string Key(DateTimeOffset hour, string userId, string team, ClientId client, string model) =>
        $"{hour.UtcDateTime:yyyy-MM-ddTHH}|{userId}|{team}|{WireNames.Of(client)}|{model}";
}
