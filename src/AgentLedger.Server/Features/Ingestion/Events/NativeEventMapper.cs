using System.Text.Json.Nodes;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>
/// Validates a native event and maps it to canonical records. Errors name the offending field in the event's
/// JSON spelling. A <c>code_review.completed</c> event with comments becomes one review record and one
/// comment record per comment; every other event becomes one record.
/// </summary>
public sealed class NativeEventMapper(CreditCalculator credits)
{
    public const int MaxEventIdLength = 256;

    /// <summary>How far ahead of the server clock an event may claim to have happened (clock skew).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(24);

    public NativeEventMapping Map(NativeEvent e, NativeEventContext context)
    {
        if (string.IsNullOrWhiteSpace(e.EventId))
        {
            return NativeEventMapping.Invalid("event_id is required.");
        }

        if (e.EventId.Length > MaxEventIdLength)
        {
            return NativeEventMapping.Invalid($"event_id is longer than {MaxEventIdLength} characters.");
        }

        if (!WireNames.TryParse(e.Type, out RecordKind kind) || kind == RecordKind.Other)
        {
            return NativeEventMapping.Invalid(
                $"type is not one of: {string.Join(", ", WireNames.AllKinds.Where(k => k != "other"))}.");
        }

        if (e.OccurredAt is not { } occurredAt)
        {
            return NativeEventMapping.Invalid("occurred_at is required (RFC 3339, e.g. 2026-11-26T09:30:00Z).");
        }

        // Record ids are time-sortable from the Unix epoch on; an earlier time cannot be a real agent event.
        if (occurredAt < DateTimeOffset.UnixEpoch)
        {
            return NativeEventMapping.Invalid("occurred_at must not be before 1970-01-01T00:00:00Z.");
        }

        if (occurredAt > context.ReceivedAt + MaxFutureSkew)
        {
            return NativeEventMapping.Invalid("occurred_at is more than 24 hours in the future.");
        }

        var actor = new ActorIdentity
        {
            Email = e.User?.Email, AccountId = e.User?.AccountId, ExternalId = e.User?.ExternalId, Login = e.User?.Login,
            DisplayName = e.User?.Name,
        };
        if (actor.IsEmpty)
        {
            return NativeEventMapping.Invalid("user needs at least one of email, account_id, external_id or login.");
        }

        var clientError = ResolveClient(e, out var agent, out var clientId);
        if (clientError is not null)
        {
            return NativeEventMapping.Invalid(clientError);
        }

        var usageError = ValidateAmounts(e);
        if (usageError is not null)
        {
            return NativeEventMapping.Invalid(usageError);
        }

        var reviewError = ValidateReview(kind, e);
        if (reviewError is not null)
        {
            return NativeEventMapping.Invalid(reviewError);
        }

        if (kind is RecordKind.CloudTaskCreated or RecordKind.CloudTaskCompleted or RecordKind.CloudTaskFailed && string.IsNullOrEmpty(e.SessionId))
        {
            return NativeEventMapping.Invalid($"session_id (the cloud task id) is required for {e.Type}.");
        }

        var record = credits.Apply(new ActivityRecord
        {
            Id = RecordIds.NewId(occurredAt),
            WorkspaceId = context.WorkspaceId,
            EventId = e.EventId,
            OccurredAt = occurredAt.ToUniversalTime(),
            ReceivedAt = context.ReceivedAt,
            Source = RecordSource.NativeEvent,
            Kind = kind,
            Actor = actor,
            ClientIp = context.ClientIp,
            UserAgent = context.UserAgent,
            Agent = agent,
            ClientId = clientId,
            ClientVersion = e.ClientVersion,
            SessionId = e.SessionId,
            TurnId = e.TurnId,
            Model = e.Model,
            Status = e.Status,
            Error = e.Error,
            Usage = e.Usage is null
                ? TokenUsage.None
                : new TokenUsage(e.Usage.InputTokens, e.Usage.CachedInputTokens, e.Usage.OutputTokens, e.Usage.ReasoningTokens),
            CostUsd = e.CostUsd,
            Credits = e.Credits,
            DurationMs = e.DurationMs,
            PromptText = e.PromptText,
            ResponseText = kind == RecordKind.ReviewComment || kind == RecordKind.ReviewReply ? e.ResponseText ?? e.Review?.Body : e.ResponseText,
            ToolName = e.Tool?.Name,
            ToolInput = e.Tool?.Input,
            ToolOutput = e.Tool?.Output,
            Review = MapReview(e.Review),
            Attributes = WithToolDecision(e.Attributes, e.Tool?.Decision),
        });

        return NativeEventMapping.Valid([record, .. ExpandComments(record, e.Review)]);
    }

    private static string? ResolveClient(NativeEvent e, out Agent agent, out ClientId clientId)
    {
        agent = Agent.Custom;
        clientId = ClientId.UnknownDefault;
        if (e.Agent is not null && !WireNames.TryParse(e.Agent, out agent))
        {
            return $"agent is not one of: {string.Join(", ", WireNames.AllAgents)}.";
        }

        if (e.ClientId is not null)
        {
            if (!ClientCatalog.TryParse(e.ClientId, out clientId))
            {
                return $"client_id is not one of: {string.Join(", ", ClientCatalog.Clients.Select(c => c.WireName))}.";
            }

            var descriptor = ClientCatalog.Describe(clientId);
            if (e.Agent is not null && descriptor.Agent != agent && descriptor.Agent != Agent.Unknown)
            {
                return $"client_id {descriptor.WireName} belongs to agent '{WireNames.Of(descriptor.Agent)}', not to the event's agent.";
            }

            agent = e.Agent is null ? descriptor.Agent : agent;
            return null;
        }

        if (e.Surface is null)
        {
            return "client_id or surface is required.";
        }

        if (!WireNames.TryParse(e.Surface, out Surface surface))
        {
            return $"surface is not one of: {string.Join(", ", WireNames.AllSurfaces)}.";
        }

        clientId = ClientCatalog.DefaultFor(agent, surface);
        return null;
    }

    private static string? ValidateAmounts(NativeEvent e)
    {
        if (e.Usage is { } u && (u.InputTokens < 0 || u.CachedInputTokens < 0 || u.OutputTokens < 0 || u.ReasoningTokens < 0))
        {
            return "usage token counts must not be negative.";
        }

        if (e.Usage is { } v && v.CachedInputTokens > v.InputTokens)
        {
            return "usage.cached_input_tokens must not exceed usage.input_tokens (input includes the cached part).";
        }

        if (e.Usage is { } w && w.ReasoningTokens > w.OutputTokens)
        {
            return "usage.reasoning_tokens must not exceed usage.output_tokens (output includes the reasoning part).";
        }

        if (e.CostUsd < 0)
        {
            return "cost_usd must not be negative.";
        }

        if (e.Credits < 0)
        {
            return "credits must not be negative.";
        }

        return e.DurationMs < 0 ? "duration_ms must not be negative." : null;
    }

    private static string? ValidateReview(RecordKind kind, NativeEvent e)
    {
        var review = e.Review;
        if (review?.Priority is { } priority && !WireNames.TryParse(priority, out ReviewPriority _))
        {
            return $"review.priority is not one of P0, P1, P2, P3.";
        }

        if (review?.Reaction is { } reaction && !WireNames.TryParse(reaction, out ReactionKind _))
        {
            return $"review.reaction is not one of upvote, downvote, other.";
        }

        switch (kind)
        {
            case RecordKind.CodeReviewCompleted when review?.Repository is null || review.PullRequest is null:
                return "review.repository and review.pull_request are required for code_review.completed.";
            case RecordKind.ReviewComment or RecordKind.ReviewReply when string.IsNullOrEmpty(review?.CommentId):
                return $"review.comment_id is required for {e.Type}.";
            case RecordKind.ReviewReaction when string.IsNullOrEmpty(review?.CommentId) || review.Reaction is null:
                return "review.comment_id and review.reaction are required for code_review.reaction.";
        }

        if (review?.Comments is { } comments)
        {
            if (kind != RecordKind.CodeReviewCompleted)
            {
                return "review.comments is only allowed on code_review.completed.";
            }

            for (var i = 0; i < comments.Count; i++)
            {
                if (string.IsNullOrEmpty(comments[i].CommentId))
                {
                    return $"review.comments[{i}].comment_id is required.";
                }

                if (comments[i].Priority is { } p && !WireNames.TryParse(p, out ReviewPriority _))
                {
                    return $"review.comments[{i}].priority is not one of P0, P1, P2, P3.";
                }
            }
        }

        return null;
    }

    private static ReviewInfo? MapReview(NativeEventReview? review) =>
        review is null
            ? null
            : new ReviewInfo
            {
                Repository = review.Repository,
                PullRequest = review.PullRequest,
                ReviewId = review.ReviewId,
                CommentId = review.CommentId,
                Priority = review.Priority is null ? null : WireNames.ParsePriority(review.Priority),
                Reaction = review.Reaction is null ? null : WireNames.ParseReaction(review.Reaction),
            };

    private static IEnumerable<ActivityRecord> ExpandComments(ActivityRecord review, NativeEventReview? source)
    {
        foreach (var comment in source?.Comments ?? [])
        {
            var attributes = new JsonObject();
            if (comment.Path is not null)
            {
                attributes["path"] = comment.Path;
            }

            if (comment.Line is { } line)
            {
                attributes["line"] = line;
            }

            yield return review with
            {
                Id = RecordIds.NewId(review.OccurredAt),
                EventId = $"{review.EventId}/comments/{comment.CommentId}",
                Kind = RecordKind.ReviewComment,
                Usage = TokenUsage.None,
                CostUsd = null,
                Credits = null,
                DurationMs = null,
                PromptText = null,
                ResponseText = comment.Body,
                Review = review.Review! with
                {
                    CommentId = comment.CommentId,
                    Priority = comment.Priority is null ? null : WireNames.ParsePriority(comment.Priority),
                },
                Attributes = attributes.Count == 0 ? null : attributes,
            };
        }
    }

    private static JsonObject? WithToolDecision(JsonObject? attributes, string? decision)
    {
        if (decision is null)
        {
            return attributes;
        }

        var copy = attributes?.DeepClone().AsObject() ?? [];
        copy["tool.decision"] = decision;
        return copy;
    }
}
