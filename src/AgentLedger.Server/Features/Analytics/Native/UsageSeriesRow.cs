namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Usage of one group in one bucket. Definitions: docs/metrics.md.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key: user id, team, surface, client id, model, agent, or the workspace id.</param>
/// <param name="UserEmail">The user's e-mail when grouped by user and known.</param>
/// <param name="ActiveUsers">Users with any record in the bucket and group.</param>
/// <param name="Threads">Sessions started (counted in the bucket of their first record).</param>
/// <param name="Turns">User prompts and cloud tasks.</param>
/// <param name="Messages">User prompts.</param>
/// <param name="ToolCalls">Tool results.</param>
/// <param name="Errors">API errors, failed cloud tasks and records carrying an error.</param>
/// <param name="InputTokens">Input tokens, cached included.</param>
/// <param name="CachedInputTokens">Input tokens served from cache.</param>
/// <param name="OutputTokens">Output tokens, reasoning included.</param>
/// <param name="ReasoningTokens">Reasoning tokens.</param>
/// <param name="CostUsd">Cost in USD.</param>
/// <param name="Credits">Credits.</param>
public sealed record UsageSeriesRow(
    string BucketStart,
    string BucketEnd,
    string Group,
    string? UserEmail,
    int ActiveUsers,
    long Threads,
    long Turns,
    long Messages,
    long ToolCalls,
    long Errors,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens,
    long ReasoningTokens,
    decimal CostUsd,
    decimal Credits);
