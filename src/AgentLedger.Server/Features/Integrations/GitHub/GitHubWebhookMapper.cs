using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>
/// Maps GitHub deliveries to canonical code-review records. Only activity around the configured reviewer bots
/// counts: their submitted reviews (a code review), their top-level review comments (a comment, with the P0–P3
/// badge of its body), replies by others in those comments' threads, and the reactions on those comments.
/// Event ids derive from GitHub's own object ids, so a redelivery (same X-GitHub-Delivery) or a later event about
/// the same comment stores nothing twice.
/// </summary>
/// <remarks>
/// GitHub sends no event for a reaction; each comment payload carries the comment's reaction counts. The n-th
/// reaction of a kind becomes the record <c>github:reaction:{comment}:{kind}:{n}</c>, so counts only grow once each
/// and an edit or redelivery adds nothing. Those counts name no reacting user: reactions are attributed to the pull
/// request's author, the person the review was for.
/// </remarks>
public sealed class GitHubWebhookMapper(IGitHubIntegrationStore store)
{
    private static readonly string[] ReactionContents = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"];

    public async Task<GitHubWebhookMapping> MapAsync(
        string eventName, string delivery, JsonElement payload, GitHubIntegration integration, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var action = Text(payload, "action");
        var context = new Context(integration, delivery, eventName, action, receivedAt, payload);
        switch (eventName)
        {
            case "pull_request_review" when action == "submitted":
                var review = payload.GetProperty("review");
                return integration.IsReviewer(Text(review, "user", "login"))
                    ? new GitHubWebhookMapping([context.Record(RecordKind.CodeReviewCompleted, $"github:review:{Id(review)}", Time(review, "submitted_at"),
                        context.Author, null, null, Id(review))], null)
                    : GitHubWebhookMapping.Skip("The review is not by a configured reviewer bot.");
            case "pull_request_review_comment" when action is "created" or "edited":
                return await MapCommentAsync(context, payload.GetProperty("comment"), cancellationToken).ConfigureAwait(false);
            case "ping":
                return GitHubWebhookMapping.Skip("ping");
            default:
                return GitHubWebhookMapping.Skip($"'{eventName}' ({action ?? "no action"}) is not code-review activity.");
        }
    }

    private async Task<GitHubWebhookMapping> MapCommentAsync(Context context, JsonElement comment, CancellationToken cancellationToken)
    {
        var author = Text(comment, "user", "login");
        var commentId = Id(comment);
        var parent = comment.TryGetProperty("in_reply_to_id", out var reply) && reply.ValueKind == JsonValueKind.Number
            ? reply.GetInt64().ToString(CultureInfo.InvariantCulture)
            : null;
        var body = Text(comment, "body");
        var reviewId = comment.TryGetProperty("pull_request_review_id", out var rid) && rid.ValueKind == JsonValueKind.Number
            ? rid.GetInt64().ToString(CultureInfo.InvariantCulture)
            : null;
        if (context.Integration.IsReviewer(author))
        {
            if (parent is not null)
            {
                return GitHubWebhookMapping.Skip("The bot's own reply in a thread is not a new finding.");
            }

            var records = new List<ActivityRecord>
            {
                context.Record(RecordKind.ReviewComment, $"github:review_comment:{commentId}", Time(comment, "created_at"), context.Author, commentId,
                    ReviewPriorityBadge.Parse(body), reviewId, body: body),
            };
            records.AddRange(Reactions(context, comment, commentId));
            return new GitHubWebhookMapping(records, null);
        }

        if (parent is null || context.Action != "created")
        {
            return GitHubWebhookMapping.Skip("The comment is neither by a reviewer bot nor a reply to one.");
        }

        if (!await store.IsReviewCommentAsync(context.Integration.WorkspaceId, parent, cancellationToken).ConfigureAwait(false))
        {
            return GitHubWebhookMapping.Skip($"Comment {parent} is not a stored reviewer-bot comment.");
        }

        return new GitHubWebhookMapping(
            [context.Record(RecordKind.ReviewReply, $"github:reply:{commentId}", Time(comment, "created_at"), author, parent, null, reviewId, body: body)],
            null);
    }

    private static IEnumerable<ActivityRecord> Reactions(Context context, JsonElement comment, string commentId)
    {
        if (!comment.TryGetProperty("reactions", out var reactions) || reactions.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var at = Time(comment, "updated_at");
        foreach (var content in ReactionContents)
        {
            var count = reactions.TryGetProperty(content, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
            var kind = content switch { "+1" => ReactionKind.Upvote, "-1" => ReactionKind.Downvote, _ => ReactionKind.Other };
            for (var i = 1; i <= count; i++)
            {
                yield return context.Record(RecordKind.ReviewReaction, $"github:reaction:{commentId}:{content}:{i}", at, context.Author, commentId, null, null, kind);
            }
        }
    }

    private static string Id(JsonElement element) => element.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonElement element, string property) =>
        DateTimeOffset.Parse(element.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private sealed record Context(GitHubIntegration Integration, string Delivery, string Event, string? Action, DateTimeOffset ReceivedAt, JsonElement Payload)
    {
        /// <summary>The pull request's author: whom a review and its comments are for.</summary>
        public string? Author => Text(Payload, "pull_request", "user", "login");

        public ActivityRecord Record(
            RecordKind kind, string eventId, DateTimeOffset at, string? login, string? commentId, ReviewPriority? priority, string? reviewId,
            ReactionKind? reaction = null, string? body = null) =>
            new()
            {
                Id = RecordIds.NewId(at),
                WorkspaceId = Integration.WorkspaceId,
                EventId = eventId,
                OccurredAt = at,
                ReceivedAt = ReceivedAt,
                Source = RecordSource.GitHubWebhook,
                Kind = kind,
                Actor = new ActorIdentity { Login = login },
                Agent = ClientCatalog.AgentOf(Integration.ClientId),
                ClientId = Integration.ClientId,
                ResponseText = body,
                Review = new ReviewInfo
                {
                    Repository = Text(Payload, "repository", "full_name"),
                    PullRequest = Payload.TryGetProperty("pull_request", out var pr) && pr.TryGetProperty("number", out var number) ? number.GetInt64() : null,
                    ReviewId = reviewId,
                    CommentId = commentId,
                    Priority = priority,
                    Reaction = reaction,
                },
                Attributes = new JsonObject
                {
                    ["github.event"] = Event,
                    ["github.action"] = Action,
                    ["github.delivery"] = Delivery,
                },
            };
    }
}
