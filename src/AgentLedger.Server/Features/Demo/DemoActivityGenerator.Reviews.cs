using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

internal sealed partial class DemoActivityGenerator
{
    /// <summary>
    /// A pull request by <paramref name="author"/>, reviewed by the team's review bot: one completed review with its
    /// comments (P0–P3), then replies and reactions to those comments by the author and teammates. Severe comments
    /// draw more replies and more thumbs up; nits draw more thumbs down.
    /// </summary>
    private void EmitReview(DemoUser author, DateTimeOffset openedAt)
    {
        var kit = DemoAgentKit.For(author.Team.ReviewAgent);
        var client = kit.ReviewClient!.Value;
        var version = kit.Version(_day, 0);
        var userAgent = DemoAgentKit.UserAgent(client, version, "linux", kit.MainModel);
        var repository = _rng.Pick(author.Team.Repositories);
        var pullRequest = NextPullRequest(repository);
        var reviewId = _rng.NextInt64(2_000_000_000, 3_000_000_000).ToString(CultureInfo.InvariantCulture);
        var at = openedAt + TimeSpan.FromSeconds(_rng.Skewed(240));
        var review = new NativeEventReview { Repository = repository, PullRequest = pullRequest, ReviewId = reviewId };
        var bot = new NativeEvent { Agent = kit.WireName, ClientId = WireNames.Of(client), ClientVersion = version };

        var comments = new List<(NativeEventReviewComment Comment, ReviewPriority Priority)>();
        var count = Math.Min(8, _rng.Poisson(1.8));
        for (var c = 0; c < count; c++)
        {
            var topic = DemoStackVocabulary.Topic(_rng, author.Team.Stack, repository);
            var priority = (ReviewPriority)_priorities.Next(DemoReviewContent.PriorityShares);
            comments.Add((new NativeEventReviewComment
            {
                CommentId = _rng.NextInt64(3_000_000_000, 4_000_000_000).ToString(CultureInfo.InvariantCulture),
                Priority = WireNames.Of(priority),
                Body = DemoReviewContent.Comment(_rng, priority, topic),
                Path = topic.File,
                Line = _rng.Next(5, 400),
            }, priority));
        }

        var files = _rng.Next(1, 25);
        var input = _rng.Skewed(20_000 + (files * 6_000), 0.4);
        var output = _rng.Skewed(1_500 + (count * 700), 0.3);
        var duration = _rng.Skewed(150_000, 0.5);
        Emit(CloudAddress, userAgent, bot with
        {
            EventId = NextEventId(), Type = ReviewCompleted, OccurredAt = at, User = author.GitHubIdentity, Model = kit.MainModel,
            SessionId = $"review-{reviewId}", DurationMs = duration, Status = "completed",
            Usage = Usage(input, (long)(input * _rng.Between(0.1, 0.4)), output, (long)(output * kit.ReasoningShare(kit.MainModel, _rng))),
            ResponseText = DemoReviewContent.ReviewSummary(files, count),
            Review = review with { Comments = [.. comments.Select(c => c.Comment)] },
        });

        foreach (var (comment, priority) in comments)
        {
            var onComment = review with { CommentId = comment.CommentId };
            if (_rng.Chance(priority switch { ReviewPriority.P0 => 0.6, ReviewPriority.P1 => 0.4, ReviewPriority.P2 => 0.2, _ => 0.1 }))
            {
                var replier = _rng.Chance(0.8) ? author : Teammate(author);
                Emit(CloudAddress, userAgent, bot with
                {
                    EventId = NextEventId(), Type = ReviewReply, OccurredAt = at + TimeSpan.FromSeconds(_rng.Skewed(2_400)),
                    User = replier.GitHubIdentity, Review = onComment with { Body = DemoReviewContent.Reply(_rng) },
                });
            }

            if (_rng.Chance(0.45))
            {
                var reacter = _rng.Chance(0.7) ? author : Teammate(author);
                var (kind, content) = DemoReviewContent.Reaction(_rng, _reactions, priority);
                Emit(CloudAddress, userAgent, bot with
                {
                    EventId = NextEventId(), Type = ReviewReaction, OccurredAt = at + TimeSpan.FromSeconds(_rng.Skewed(1_800)),
                    User = reacter.GitHubIdentity, Review = onComment with { Reaction = WireNames.Of(kind) },
                    Attributes = new JsonObject { ["reaction.content"] = content },
                });
            }
        }
    }
}
