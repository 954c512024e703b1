namespace AgentLedger.Core.Metrics;

/// <summary>The additive counters of one rollup row. All are sums, so rows of any window add up.</summary>
public sealed class UsageMeasures
{
    /// <summary>
    /// Every counter with its storage column name, in one list that both storage engines build their SQL from
    /// and that tests compare field by field. Money columns hold decimals with at most 6 fractional digits.
    /// </summary>
    public static readonly IReadOnlyList<MeasureColumn> Columns =
    [
        new("records", false, m => m.Records, (m, v) => m.Records = (long)v),
        new("threads", false, m => m.Threads, (m, v) => m.Threads = (long)v),
        new("turns", false, m => m.Turns, (m, v) => m.Turns = (long)v),
        new("messages", false, m => m.Messages, (m, v) => m.Messages = (long)v),
        new("tool_calls", false, m => m.ToolCalls, (m, v) => m.ToolCalls = (long)v),
        new("errors", false, m => m.Errors, (m, v) => m.Errors = (long)v),
        new("input_tokens", false, m => m.InputTokens, (m, v) => m.InputTokens = (long)v),
        new("cached_input_tokens", false, m => m.CachedInputTokens, (m, v) => m.CachedInputTokens = (long)v),
        new("output_tokens", false, m => m.OutputTokens, (m, v) => m.OutputTokens = (long)v),
        new("reasoning_tokens", false, m => m.ReasoningTokens, (m, v) => m.ReasoningTokens = (long)v),
        new("cost_usd", true, m => m.CostUsd, (m, v) => m.CostUsd = v),
        new("credits", true, m => m.Credits, (m, v) => m.Credits = v),
        new("duration_ms", false, m => m.DurationMs, (m, v) => m.DurationMs = (long)v),
        new("cloud_tasks_created", false, m => m.CloudTasksCreated, (m, v) => m.CloudTasksCreated = (long)v),
        new("cloud_tasks_completed", false, m => m.CloudTasksCompleted, (m, v) => m.CloudTasksCompleted = (long)v),
        new("cloud_tasks_failed", false, m => m.CloudTasksFailed, (m, v) => m.CloudTasksFailed = (long)v),
        new("reviews", false, m => m.Reviews, (m, v) => m.Reviews = (long)v),
        new("review_comments", false, m => m.ReviewComments, (m, v) => m.ReviewComments = (long)v),
        new("comments_p0", false, m => m.CommentsP0, (m, v) => m.CommentsP0 = (long)v),
        new("comments_p1", false, m => m.CommentsP1, (m, v) => m.CommentsP1 = (long)v),
        new("comments_p2", false, m => m.CommentsP2, (m, v) => m.CommentsP2 = (long)v),
        new("comments_p3", false, m => m.CommentsP3, (m, v) => m.CommentsP3 = (long)v),
        new("replies", false, m => m.Replies, (m, v) => m.Replies = (long)v),
        new("reactions_up", false, m => m.ReactionsUp, (m, v) => m.ReactionsUp = (long)v),
        new("reactions_down", false, m => m.ReactionsDown, (m, v) => m.ReactionsDown = (long)v),
        new("reactions_other", false, m => m.ReactionsOther, (m, v) => m.ReactionsOther = (long)v),
    ];

    public long Records { get; set; }

    public long Threads { get; set; }

    public long Turns { get; set; }

    public long Messages { get; set; }

    public long ToolCalls { get; set; }

    public long Errors { get; set; }

    public long InputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long ReasoningTokens { get; set; }

    public decimal CostUsd { get; set; }

    public decimal Credits { get; set; }

    public long DurationMs { get; set; }

    public long CloudTasksCreated { get; set; }

    public long CloudTasksCompleted { get; set; }

    public long CloudTasksFailed { get; set; }

    public long Reviews { get; set; }

    public long ReviewComments { get; set; }

    public long CommentsP0 { get; set; }

    public long CommentsP1 { get; set; }

    public long CommentsP2 { get; set; }

    public long CommentsP3 { get; set; }

    public long Replies { get; set; }

    public long ReactionsUp { get; set; }

    public long ReactionsDown { get; set; }

    public long ReactionsOther { get; set; }

    /// <summary>
    /// Drops the trailing zeros of the money sums (1.50 becomes 1.5; the value is unchanged). A decimal sum keeps the
    /// largest scale of its terms, so the same total would otherwise print differently depending on how many rows, of
    /// which scales, were added to make it.
    /// </summary>
    public void NormalizeMoney()
    {
        CostUsd /= 1.0000000000000000000000000000m;
        Credits /= 1.0000000000000000000000000000m;
    }

    public void Add(UsageMeasures other)
    {
        Records += other.Records;
        Threads += other.Threads;
        Turns += other.Turns;
        Messages += other.Messages;
        ToolCalls += other.ToolCalls;
        Errors += other.Errors;
        InputTokens += other.InputTokens;
        CachedInputTokens += other.CachedInputTokens;
        OutputTokens += other.OutputTokens;
        ReasoningTokens += other.ReasoningTokens;
        CostUsd += other.CostUsd;
        Credits += other.Credits;
        DurationMs += other.DurationMs;
        CloudTasksCreated += other.CloudTasksCreated;
        CloudTasksCompleted += other.CloudTasksCompleted;
        CloudTasksFailed += other.CloudTasksFailed;
        Reviews += other.Reviews;
        ReviewComments += other.ReviewComments;
        CommentsP0 += other.CommentsP0;
        CommentsP1 += other.CommentsP1;
        CommentsP2 += other.CommentsP2;
        CommentsP3 += other.CommentsP3;
        Replies += other.Replies;
        ReactionsUp += other.ReactionsUp;
        ReactionsDown += other.ReactionsDown;
        ReactionsOther += other.ReactionsOther;
    }
}
