namespace AgentLedger.Core.Records;

/// <summary>Feedback sentiment of a reaction to a review comment.</summary>
public enum ReactionKind
{
    Upvote = 0,
    Downvote,
    Other,
}
