namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Reactions to review comments by sentiment: +1, -1 and every other reaction.</summary>
/// <param name="Upvotes">+1 reactions (positive sentiment).</param>
/// <param name="Downvotes">-1 reactions (negative sentiment).</param>
/// <param name="Other">Every other reaction (laugh, hooray, confused, heart, rocket, eyes).</param>
public sealed record CodexReactionDetails(long Upvotes, long Downvotes, long Other);
