using System.Text.Json.Nodes;

namespace AgentLedger.Core.Records;

/// <summary>
/// The canonical activity record: one per thing that happened, append-only. Every ingest path maps into it;
/// analytics and compliance read only from it and its rollups. See docs/adr/0001-canonical-record.md.
/// </summary>
public sealed record ActivityRecord
{
    /// <summary>Time-sortable id (UUIDv7 of <see cref="OccurredAt"/>), assigned at mapping.</summary>
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    /// <summary>Per-workspace arrival order, assigned by storage at commit; 0 until stored.</summary>
    public long Seq { get; init; }

    /// <summary>The source's idempotency key: re-sending a record with the same event id stores nothing.</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required RecordSource Source { get; init; }

    public required RecordKind Kind { get; init; }

    // who
    public required ActorIdentity Actor { get; init; }

    /// <summary>Directory user, resolved from <see cref="Actor"/> by storage; null until stored.</summary>
    public string? UserId { get; init; }

    /// <summary>Team from the directory at the time of ingest (never from client-sent tags).</summary>
    public string? Team { get; init; }

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    // where
    public required Agent Agent { get; init; }

    public required ClientId ClientId { get; init; }

    public Surface Surface => ClientCatalog.SurfaceOf(ClientId);

    public string? ClientVersion { get; init; }

    // what
    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? Model { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    // how much
    public TokenUsage Usage { get; init; } = TokenUsage.None;

    public decimal? CostUsd { get; init; }

    public decimal? Credits { get; init; }

    public long? DurationMs { get; init; }

    // content, subject to the workspace's capture, redaction and retention policy
    public string? PromptText { get; init; }

    public string? ResponseText { get; init; }

    public string? ToolName { get; init; }

    public string? ToolInput { get; init; }

    public string? ToolOutput { get; init; }

    public ReviewInfo? Review { get; init; }

    /// <summary>Everything else the source sent, losslessly.</summary>
    public JsonObject? Attributes { get; init; }
}
