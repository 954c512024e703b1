using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Demo;

/// <summary>The text of code reviews (comments by priority badge, replies) and of cloud tasks.</summary>
internal static class DemoReviewContent
{
    private static readonly Func<DemoTopic, string>[][] CommentsByPriority =
    [
        [
            t => $"**P0** {t.Symbol} commits the payment before the ledger write; if the write fails the money is captured but never recorded.",
            t => $"**P0** The query in {t.Symbol} is built by string concatenation from the request: this is injectable.",
            t => $"**P0** This deletes every tenant's rows when the filter in {t.Symbol} is empty.",
        ],
        [
            t => $"**P1** {t.Symbol} can return null here, but the caller dereferences it unconditionally.",
            t => $"**P1** The retry loop in {t.File} never backs off; during an outage it will hammer the upstream.",
            t => $"**P1** The cancellation token is not passed on in {t.Symbol}, so shutdown waits for the full timeout.",
        ],
        [
            t => $"**P2** This allocation in {t.Symbol} happens on every request; consider hoisting it.",
            t => $"**P2** There is no test for the empty-input case of {t.Symbol}.",
            t => $"**P2** The error message from {t.Symbol} does not say which field was invalid.",
        ],
        [
            t => $"**P3** Nit: the name `{t.Symbol}` does not say what it returns.",
            t => $"**P3** A guard clause would flatten the nesting in {t.File}.",
            _ => "**P3** Typo in the comment above this line.",
        ],
    ];

    private static readonly string[] Replies =
    [
        "Good catch, fixed in the next commit.",
        "Intentional: the caller validates this already.",
        "Thanks! Opened a follow-up issue for this.",
        "Not applicable, this path is behind a feature flag that is off in production.",
        "Fixed.",
        "Can you explain why this would happen? The input is never empty here.",
        "Agreed, but out of scope for this PR.",
    ];

    private static readonly Func<DemoTopic, string>[] CloudPrompts =
    [
        t => $"Implement cursor pagination for the {t.Module} list endpoint.",
        t => $"Upgrade the dependencies of {t.Repository} and fix what breaks.",
        t => $"Add the missing tests for {t.Symbol}.",
        t => $"Investigate the flaky test around {t.Symbol} and fix it.",
        t => $"Write a migration that adds an index for the {t.Module} lookups.",
        t => $"Remove the dead code in {t.Module} left over from the old API.",
    ];

    private static readonly string[] CloudFailures =
    [
        "setup script exited with code 1: could not resolve dependency",
        "task exceeded the 30 minute time limit",
        "tests failed: 3 failing after 2 attempts",
        "container ran out of memory while building",
    ];

    /// <summary>Badge shares: P0 rare, P2 and P3 the bulk.</summary>
    public static readonly IReadOnlyList<double> PriorityShares = [0.06, 0.2, 0.42, 0.32];

    public static string Comment(Random rng, ReviewPriority priority, DemoTopic topic) => rng.Pick(CommentsByPriority[(int)priority])(topic);

    public static string Reply(Random rng) => rng.Pick(Replies);

    public static string ReviewSummary(int files, int comments) =>
        comments == 0 ? $"Reviewed {files} files. No issues found." : $"Reviewed {files} files and left {comments} comment(s).";

    public static string CloudPrompt(Random rng, DemoTopic topic) => rng.Pick(CloudPrompts)(topic);

    public static string CloudResult(DemoTopic topic, long pullRequest) =>
        $"Done. Opened {topic.Repository}#{pullRequest} with the change to {topic.File} and its tests; CI is green.";

    public static string CloudFailure(Random rng) => rng.Pick(CloudFailures);

    /// <summary>
    /// A GitHub reaction content with its sentiment. Severe findings are mostly welcomed; nits draw more thumbs down.
    /// </summary>
    public static (ReactionKind Kind, string Content) Reaction(Random rng, DemoQuotaSampler kinds, ReviewPriority priority)
    {
        double[] shares = priority switch
        {
            ReviewPriority.P0 or ReviewPriority.P1 => [0.8, 0.08, 0.12],
            ReviewPriority.P2 => [0.6, 0.2, 0.2],
            _ => [0.42, 0.38, 0.2],
        };
        return kinds.Next(shares) switch
        {
            0 => (ReactionKind.Upvote, rng.Chance(0.8) ? "+1" : "heart"),
            1 => (ReactionKind.Downvote, rng.Chance(0.8) ? "-1" : "confused"),
            _ => (ReactionKind.Other, rng.Chance(0.5) ? "eyes" : "laugh"),
        };
    }
}
