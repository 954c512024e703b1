namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>
/// Review comments of the day by how people responded to them (so far): engaged = replied or reacted; each field
/// counts comments, not reactions.
/// </summary>
/// <param name="Engaged">Comments with a reply or any reaction.</param>
/// <param name="Reacted">Comments with any reaction.</param>
/// <param name="Upvoted">Comments with a +1.</param>
/// <param name="Downvoted">Comments with a -1.</param>
/// <param name="ReactedOther">Comments with a reaction other than +1 and -1.</param>
/// <param name="Replied">Comments with a reply in their thread.</param>
public sealed record CodexCommentResponseDetails(long Engaged, long Reacted, long Upvoted, long Downvoted, long ReactedOther, long Replied);
