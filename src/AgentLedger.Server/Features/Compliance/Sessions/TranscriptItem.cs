using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>One step of a session transcript: a prompt, a model call or response, a tool decision or result, ….</summary>
public sealed record TranscriptItem
{
    public required long Seq { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Kind { get; init; }

    public string? TurnId { get; init; }

    public string? UserId { get; init; }

    public required string ClientId { get; init; }

    public string? Model { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    public string? PromptText { get; init; }

    public string? ResponseText { get; init; }

    public string? ToolName { get; init; }

    public string? ToolInput { get; init; }

    public string? ToolOutput { get; init; }

    public TokenUsage? Usage { get; init; }

    public long? DurationMs { get; init; }

    public decimal? Credits { get; init; }

    /// <summary>
    /// DLP findings in this item's content, with UTF-16 offsets into the fields as shown here (docs/dlp.md); null when
    /// there are none.
    /// </summary>
    public IReadOnlyList<StoredDlpFinding>? DlpFindings { get; init; }

    public static TranscriptItem From(ActivityRecord r) => new()
    {
        Seq = r.Seq,
        Id = r.Id,
        OccurredAt = r.OccurredAt,
        Kind = WireNames.Of(r.Kind),
        TurnId = r.TurnId,
        UserId = r.UserId,
        ClientId = WireNames.Of(r.ClientId),
        Model = r.Model,
        Status = r.Status,
        Error = r.Error,
        PromptText = r.PromptText,
        ResponseText = r.ResponseText,
        ToolName = r.ToolName,
        ToolInput = r.ToolInput,
        ToolOutput = r.ToolOutput,
        Usage = r.Usage.IsEmpty ? null : r.Usage,
        DurationMs = r.DurationMs,
        Credits = r.Credits,
        DlpFindings = StoredDlpFinding.ReadAll(r.Attributes) is { Count: > 0 } findings ? findings : null,
    };
}
