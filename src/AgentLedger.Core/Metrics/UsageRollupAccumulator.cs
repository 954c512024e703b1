using AgentLedger.Core.Records;

namespace AgentLedger.Core.Metrics;

/// <summary>
/// Folds stored records into hourly rollup deltas, applying <see cref="MetricDefinitions"/>. Storage engines
/// feed it the records of one commit and upsert the deltas in the same transaction.
/// </summary>
public sealed class UsageRollupAccumulator
{
    private readonly Dictionary<(string WorkspaceId, UsageRollupKey Key), UsageMeasures> _rows = [];

    public int Count => _rows.Count;

    public IEnumerable<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> Rows => _rows;

    /// <param name="record">A record that was stored (not a duplicate), with its user resolved.</param>
    /// <param name="startsThread">Whether this is the first stored record of its session.</param>
    public void Add(ActivityRecord record, bool startsThread)
    {
        var key = KeyOf(record);
        if (!_rows.TryGetValue((record.WorkspaceId, key), out var m))
        {
            m = new UsageMeasures();
            _rows.Add((record.WorkspaceId, key), m);
        }

        Apply(m, record, startsThread);
    }

    public static UsageRollupKey KeyOf(ActivityRecord record) =>
        new(UsageRollupKey.HourOf(record.OccurredAt), record.UserId ?? "", record.Team ?? "", record.ClientId, record.Model ?? "");

    public static void Apply(UsageMeasures m, ActivityRecord record, bool startsThread)
    {
        m.Records++;
        if (startsThread)
        {
            m.Threads++;
        }

        if (!MetricDefinitions.IsCounted(record))
        {
            return;
        }

        if (MetricDefinitions.CountsAsTurn(record.Kind))
        {
            m.Turns++;
        }

        if (MetricDefinitions.CountsAsMessage(record.Kind))
        {
            m.Messages++;
        }

        if (MetricDefinitions.CountsAsToolCall(record.Kind))
        {
            m.ToolCalls++;
        }

        if (MetricDefinitions.CountsAsError(record))
        {
            m.Errors++;
        }

        m.InputTokens += record.Usage.InputTokens;
        m.CachedInputTokens += record.Usage.CachedInputTokens;
        m.OutputTokens += record.Usage.OutputTokens;
        m.ReasoningTokens += record.Usage.ReasoningTokens;
        m.CostUsd += record.CostUsd ?? 0m;
        m.Credits += record.Credits ?? 0m;
        m.DurationMs += record.DurationMs ?? 0;
        ApplyKind(m, record);
    }

    private static void ApplyKind(UsageMeasures m, ActivityRecord record)
    {
        switch (record.Kind)
        {
            case RecordKind.CloudTaskCreated: m.CloudTasksCreated++; break;
            case RecordKind.CloudTaskCompleted: m.CloudTasksCompleted++; break;
            case RecordKind.CloudTaskFailed: m.CloudTasksFailed++; break;
            case RecordKind.CodeReviewCompleted: m.Reviews++; break;
            case RecordKind.ReviewReply: m.Replies++; break;
            case RecordKind.ReviewComment:
                m.ReviewComments++;
                switch (record.Review?.Priority)
                {
                    case ReviewPriority.P0: m.CommentsP0++; break;
                    case ReviewPriority.P1: m.CommentsP1++; break;
                    case ReviewPriority.P2: m.CommentsP2++; break;
                    case ReviewPriority.P3: m.CommentsP3++; break;
                }

                break;
            case RecordKind.ReviewReaction:
                switch (record.Review?.Reaction)
                {
                    case ReactionKind.Upvote: m.ReactionsUp++; break;
                    case ReactionKind.Downvote: m.ReactionsDown++; break;
                    default: m.ReactionsOther++; break;
                }

                break;
        }
    }
}
