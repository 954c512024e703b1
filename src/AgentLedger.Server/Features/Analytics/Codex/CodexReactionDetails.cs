namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Reactions to review comments by sentiment: +1, -1 and every other reaction.</summary>
public sealed record CodexReactionDetails(long Upvotes, long Downvotes, long Other);
