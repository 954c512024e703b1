namespace AgentLedger.Core.Analytics;

/// <summary>
/// Engagement with AI review comments, counted per comment (in the bucket of the comment): a comment is
/// <b>replied</b> when it has a reply, <b>upvoted</b>/<b>downvoted</b>/<b>reacted_other</b> when it has such a
/// reaction, <b>reacted</b> when it has any reaction and <b>engaged</b> when it has a reply or a reaction.
/// All are counts of comments, so they add across hours and groups.
/// </summary>
public sealed class ReviewEngagement
{
    public long Comments { get; set; }

    public long Engaged { get; set; }

    public long Reacted { get; set; }

    public long Upvoted { get; set; }

    public long Downvoted { get; set; }

    public long ReactedOther { get; set; }

    public long Replied { get; set; }

    public void Add(ReviewEngagement other)
    {
        Comments += other.Comments;
        Engaged += other.Engaged;
        Reacted += other.Reacted;
        Upvoted += other.Upvoted;
        Downvoted += other.Downvoted;
        ReactedOther += other.ReactedOther;
        Replied += other.Replied;
    }
}
