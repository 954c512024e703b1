namespace AgentLedger.CrashTest;

/// <summary>
/// One native event as a client sends it to <c>POST /api/v1/events</c> (docs/api/native-events.md), serialised
/// with snake_case names. Declared here rather than borrowed from the server, so the test checks the wire contract.
/// </summary>
public sealed record SyntheticEvent
{
    public required string EventId { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string ClientId { get; init; }

    public string? ClientVersion { get; init; }

    public required SyntheticUser User { get; init; }

    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? Model { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    public SyntheticUsage? Usage { get; init; }

    public long? DurationMs { get; init; }

    public string? PromptText { get; init; }

    public string? ResponseText { get; init; }

    public SyntheticTool? Tool { get; init; }

    public SyntheticReview? Review { get; init; }
}

public sealed record SyntheticUser(string Email, string Name);

public sealed record SyntheticUsage(long InputTokens, long CachedInputTokens, long OutputTokens, long ReasoningTokens);

public sealed record SyntheticTool(string Name, string Input, string Output, string Decision);

public sealed record SyntheticReview(string Repository, long PullRequest, string ReviewId, string CommentId, string Priority);
