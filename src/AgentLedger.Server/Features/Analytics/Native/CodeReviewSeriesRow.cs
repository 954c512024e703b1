namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>AI code reviews of one group in one bucket.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key.</param>
/// <param name="UserEmail">The user's e-mail when grouped by user and known.</param>
/// <param name="ActiveUsers">Users with code-review activity (their pull requests reviewed, or replying/reacting).</param>
/// <param name="Reviews">Pull-request reviews completed.</param>
/// <param name="Comments">Review comments.</param>
/// <param name="CommentsP0">Comments with a P0 badge.</param>
/// <param name="CommentsP1">Comments with a P1 badge.</param>
/// <param name="CommentsP2">Comments with a P2 badge.</param>
/// <param name="CommentsP3">Comments with a P3 badge.</param>
public sealed record CodeReviewSeriesRow(
    string BucketStart,
    string BucketEnd,
    string Group,
    string? UserEmail,
    int ActiveUsers,
    long Reviews,
    long Comments,
    long CommentsP0,
    long CommentsP1,
    long CommentsP2,
    long CommentsP3);
