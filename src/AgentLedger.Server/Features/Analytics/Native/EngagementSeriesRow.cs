namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Responses to AI review comments of one group in one bucket: sentiment and engagement.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key.</param>
/// <param name="UserEmail">The user's e-mail when grouped by user and known.</param>
/// <param name="Comments">Review comments written in the bucket.</param>
/// <param name="Replies">Replies received in the bucket.</param>
/// <param name="Reactions">Reactions received in the bucket.</param>
/// <param name="Upvotes">+1 reactions (positive sentiment).</param>
/// <param name="Downvotes">-1 reactions (negative sentiment).</param>
/// <param name="OtherReactions">Every other reaction.</param>
/// <param name="Engaged">The bucket's comments with a reply or a reaction so far.</param>
/// <param name="Reacted">The bucket's comments with a reaction.</param>
/// <param name="Upvoted">The bucket's comments with a +1.</param>
/// <param name="Downvoted">The bucket's comments with a -1.</param>
/// <param name="ReactedOther">The bucket's comments with another reaction.</param>
/// <param name="Replied">The bucket's comments with a reply.</param>
public sealed record EngagementSeriesRow(
    string BucketStart,
    string BucketEnd,
    string Group,
    string? UserEmail,
    long Comments,
    long Replies,
    long Reactions,
    long Upvotes,
    long Downvotes,
    long OtherReactions,
    long Engaged,
    long Reacted,
    long Upvoted,
    long Downvoted,
    long ReactedOther,
    long Replied);
