namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Usage of one client surface (<c>CODEX_CLI</c>, <c>CODEX_IDE_VSCODE</c>, …) within a row.</summary>
/// <param name="ClientId">Client id as the Codex Analytics API spells it; other agents use the same style.</param>
/// <param name="Threads">Sessions whose first record came from this client.</param>
/// <param name="Turns">User prompts and cloud tasks on this client.</param>
/// <param name="Credits">Credits spent on this client.</param>
/// <param name="UncachedTextInputTokens">Input tokens not served from cache.</param>
/// <param name="CachedTextInputTokens">Input tokens served from cache.</param>
/// <param name="TextOutputTokens">Output tokens, reasoning included.</param>
/// <param name="TextTotalTokens">Input plus output tokens.</param>
public sealed record CodexClientUsage(
    string ClientId,
    long Threads,
    long Turns,
    decimal Credits,
    long UncachedTextInputTokens,
    long CachedTextInputTokens,
    long TextOutputTokens,
    long TextTotalTokens);
