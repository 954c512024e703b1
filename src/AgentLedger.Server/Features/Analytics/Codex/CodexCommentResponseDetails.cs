namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>
/// Review comments of the day by how people responded to them (so far): engaged = replied or reacted; each field
/// counts comments, not reactions.
/// </summary>
public sealed record CodexCommentResponseDetails(long Engaged, long Reacted, long Upvoted, long Downvoted, long ReactedOther, long Replied);
