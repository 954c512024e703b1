namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Usage of a row (all clients and models). Definitions: docs/metrics.md.</summary>
/// <param name="Threads">Sessions started in the day (a thread is counted once, in the bucket of its first record).</param>
/// <param name="Turns">User prompts and cloud tasks.</param>
/// <param name="Credits">Credits (cost converted by the price book; reported credits kept).</param>
/// <param name="CostUsd">Cost in USD, reported or priced from tokens.</param>
/// <param name="UncachedTextInputTokens">Input tokens not served from cache.</param>
/// <param name="CachedTextInputTokens">Input tokens served from cache.</param>
/// <param name="TextOutputTokens">Output tokens, reasoning included.</param>
/// <param name="TextTotalTokens">Input plus output tokens.</param>
public sealed record CodexUsageTotals(
    long Threads,
    long Turns,
    decimal Credits,
    decimal CostUsd,
    long UncachedTextInputTokens,
    long CachedTextInputTokens,
    long TextOutputTokens,
    long TextTotalTokens);
