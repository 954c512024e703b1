using System.Globalization;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>The columns of the compliance feed's CSV format: one row per record, content included.</summary>
public static class RecordCsv
{
    public static readonly string[] Columns =
    [
        "seq", "id", "event_id", "occurred_at", "received_at", "workspace_id", "user_id", "user_email", "team", "agent",
        "client_id", "surface", "kind", "session_id", "turn_id", "model", "status", "error", "input_tokens",
        "cached_input_tokens", "output_tokens", "reasoning_tokens", "cost_usd", "credits", "duration_ms", "client_ip",
        "user_agent", "tool_name", "prompt_text", "response_text", "tool_input", "tool_output",
    ];

    public static string?[] Fields(ActivityRecord r) =>
    [
        N(r.Seq), r.Id, r.EventId, ComplianceJson.Timestamp(r.OccurredAt), ComplianceJson.Timestamp(r.ReceivedAt), r.WorkspaceId,
        r.UserId, r.Actor.Email, r.Team, WireNames.Of(r.Agent), WireNames.Of(r.ClientId), WireNames.Of(r.Surface),
        WireNames.Of(r.Kind), r.SessionId, r.TurnId, r.Model, r.Status, r.Error, N(r.Usage.InputTokens),
        N(r.Usage.CachedInputTokens), N(r.Usage.OutputTokens), N(r.Usage.ReasoningTokens), D(r.CostUsd), D(r.Credits),
        r.DurationMs is { } d ? N(d) : null, r.ClientIp, r.UserAgent, r.ToolName, r.PromptText, r.ResponseText, r.ToolInput,
        r.ToolOutput,
    ];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? D(decimal? value) => CodexLogFormatter.Normalize(value)?.ToString(CultureInfo.InvariantCulture);
}
