namespace AgentLedger.Core.Records;

/// <summary>Code-review context of a review, comment, reply or reaction record.</summary>
public sealed record ReviewInfo
{
    /// <summary>Repository as <c>owner/name</c>.</summary>
    public string? Repository { get; init; }

    public long? PullRequest { get; init; }

    public string? ReviewId { get; init; }

    /// <summary>The review comment this record is, or replies/reacts to.</summary>
    public string? CommentId { get; init; }

    public ReviewPriority? Priority { get; init; }

    public ReactionKind? Reaction { get; init; }
}
