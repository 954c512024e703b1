using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>The JSON shape of a stored record in the native API, with every enum in its wire spelling.</summary>
public sealed record RecordView
{
    public required string Id { get; init; }

    public required long Seq { get; init; }

    public required string EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Source { get; init; }

    public required string Kind { get; init; }

    public string? UserId { get; init; }

    public required ActorIdentity Actor { get; init; }

    public string? Team { get; init; }

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    public required string Agent { get; init; }

    public required string ClientId { get; init; }

    public required string Surface { get; init; }

    public string? ClientVersion { get; init; }

    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? Model { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    public required TokenUsage Usage { get; init; }

    public decimal? CostUsd { get; init; }

    public decimal? Credits { get; init; }

    public long? DurationMs { get; init; }

    public string? PromptText { get; init; }

    public string? ResponseText { get; init; }

    public string? ToolName { get; init; }

    public string? ToolInput { get; init; }

    public string? ToolOutput { get; init; }

    public RecordReviewView? Review { get; init; }

    public JsonObject? Attributes { get; init; }

    public static RecordView From(ActivityRecord r) => new()
    {
        Id = r.Id,
        Seq = r.Seq,
        EventId = r.EventId,
        OccurredAt = r.OccurredAt,
        ReceivedAt = r.ReceivedAt,
        Source = WireNames.Of(r.Source),
        Kind = WireNames.Of(r.Kind),
        UserId = r.UserId,
        Actor = r.Actor,
        Team = r.Team,
        ClientIp = r.ClientIp,
        UserAgent = r.UserAgent,
        Agent = WireNames.Of(r.Agent),
        ClientId = WireNames.Of(r.ClientId),
        Surface = WireNames.Of(r.Surface),
        ClientVersion = r.ClientVersion,
        SessionId = r.SessionId,
        TurnId = r.TurnId,
        Model = r.Model,
        Status = r.Status,
        Error = r.Error,
        Usage = r.Usage,
        CostUsd = r.CostUsd,
        Credits = r.Credits,
        DurationMs = r.DurationMs,
        PromptText = r.PromptText,
        ResponseText = r.ResponseText,
        ToolName = r.ToolName,
        ToolInput = r.ToolInput,
        ToolOutput = r.ToolOutput,
        Review = r.Review is { } review
            ? new RecordReviewView(review.Repository, review.PullRequest, review.ReviewId, review.CommentId,
                review.Priority is { } p ? WireNames.Of(p) : null, review.Reaction is { } x ? WireNames.Of(x) : null)
            : null,
        Attributes = r.Attributes,
    };
}
