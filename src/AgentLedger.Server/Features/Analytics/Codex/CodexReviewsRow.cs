using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>One UTC day of AI code reviews in the workspace.</summary>
/// <param name="StartTime">Start of the UTC day, Unix seconds.</param>
/// <param name="EndTime">End of the UTC day, Unix seconds (exclusive).</param>
/// <param name="PullRequestReviews">Pull-request reviews completed by the reviewer bot(s).</param>
/// <param name="Comments">Review comments written by the bot(s).</param>
/// <param name="CommentDetails">Comments by priority.</param>
public sealed record CodexReviewsRow(long StartTime, long EndTime, long PullRequestReviews, long Comments, CodexCommentDetails CommentDetails)
{
    /// <summary>Always <c>codex.analytics.code_reviews</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "codex.analytics.code_reviews";
}
