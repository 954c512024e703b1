using System.Text.Json.Nodes;

namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>
/// One event of the native event API (<c>POST /api/v1/events</c>), for surfaces that emit no OpenTelemetry:
/// cloud tasks, code-review bots, IDE plugins and custom agents. Schema: docs/api/native-events.schema.json.
/// </summary>
public sealed record NativeEvent
{
    /// <summary>The sender's idempotency key, unique per workspace: re-sending it stores nothing twice.</summary>
    public string? EventId { get; init; }

    /// <summary>The record kind, e.g. <c>user.prompt</c>, <c>cloud_task.completed</c>, <c>code_review.completed</c>.</summary>
    public string? Type { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public string? Agent { get; init; }

    public string? ClientId { get; init; }

    public string? Surface { get; init; }

    public string? ClientVersion { get; init; }

    public NativeEventUser? User { get; init; }

    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? Model { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    public NativeEventUsage? Usage { get; init; }

    public decimal? CostUsd { get; init; }

    public decimal? Credits { get; init; }

    public long? DurationMs { get; init; }

    public string? PromptText { get; init; }

    public string? ResponseText { get; init; }

    public NativeEventTool? Tool { get; init; }

    public NativeEventReview? Review { get; init; }

    public JsonObject? Attributes { get; init; }
}

public sealed record NativeEventUser
{
    public string? Email { get; init; }

    public string? AccountId { get; init; }

    public string? ExternalId { get; init; }

    public string? Login { get; init; }

    public string? Name { get; init; }
}

public sealed record NativeEventUsage
{
    public long InputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }
}

public sealed record NativeEventTool
{
    public string? Name { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? Decision { get; init; }
}

public sealed record NativeEventReview
{
    public string? Repository { get; init; }

    public long? PullRequest { get; init; }

    public string? ReviewId { get; init; }

    public string? CommentId { get; init; }

    public string? Priority { get; init; }

    public string? Reaction { get; init; }

    public string? Body { get; init; }

    public IReadOnlyList<NativeEventReviewComment>? Comments { get; init; }
}

public sealed record NativeEventReviewComment
{
    public string? CommentId { get; init; }

    public string? Priority { get; init; }

    public string? Body { get; init; }

    public string? Path { get; init; }

    public int? Line { get; init; }
}
