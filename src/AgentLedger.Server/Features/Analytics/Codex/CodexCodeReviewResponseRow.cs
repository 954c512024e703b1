using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>One UTC day of responses to AI review comments in the workspace.</summary>
/// <param name="StartTime">Start of the UTC day, Unix seconds.</param>
/// <param name="EndTime">End of the UTC day, Unix seconds (exclusive).</param>
/// <param name="PullRequestReviews">Pull-request reviews completed that day.</param>
/// <param name="Comments">Review comments written that day.</param>
/// <param name="Replies">Replies to review comments received that day.</param>
/// <param name="Reactions">Reactions to review comments received that day.</param>
/// <param name="ReactionDetails">Those reactions by sentiment.</param>
/// <param name="CommentResponseDetails">The day's comments by how they were responded to.</param>
public sealed record CodexCodeReviewResponseRow(
    long StartTime,
    long EndTime,
    long PullRequestReviews,
    long Comments,
    long Replies,
    long Reactions,
    CodexReactionDetails ReactionDetails,
    CodexCommentResponseDetails CommentResponseDetails)
{
    /// <summary>Always <c>codex.analytics.code_review_responses</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "codex.analytics.code_review_responses";
}
