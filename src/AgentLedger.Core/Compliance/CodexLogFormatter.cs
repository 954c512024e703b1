using System.Buffers;
using System.Text.Json;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Writes an <see cref="ActivityRecord"/> as one <c>CODEX_LOG</c> line, in the shape of OpenAI's Compliance Logs
/// Platform (<c>event_id, type, timestamp, principal, actor, event_type, client_id, workspace_id, request_metadata,
/// event_details{…}</c>; see ../shared/reference/vendor-apis.md §1.3), so that collectors written for OpenAI's
/// platform parse it unchanged. Fields OpenAI does not have (seq, agent, surface, the source's event id, cost) are
/// added inside <c>event_details</c>, where those collectors keep unknown fields.
/// </summary>
public static class CodexLogFormatter
{
    public const string PrincipalType = "WORKSPACE";

    /// <summary>The record as one JSON line followed by <c>\n</c>, appended to <paramref name="output"/>.</summary>
    public static void WriteLine(IBufferWriter<byte> output, ActivityRecord record)
    {
        using (var writer = new Utf8JsonWriter(output, ComplianceJson.WriterOptions))
        {
            Write(writer, record);
        }

        output.Write("\n"u8);
    }

    public static void Write(Utf8JsonWriter w, ActivityRecord r)
    {
        var eventType = CodexLogEventTypes.Of(r.Kind);
        w.WriteStartObject();
        w.WriteString("event_id", r.Id);
        w.WriteString("type", ComplianceLogTypes.CodexLog);
        w.WriteString("timestamp", ComplianceJson.Timestamp(r.OccurredAt));
        w.WriteStartObject("principal");
        w.WriteString("id", r.WorkspaceId);
        w.WriteString("type", PrincipalType);
        w.WriteEndObject();
        WriteActor(w, r);
        w.WriteString("event_type", eventType);
        w.WriteString("client_id", WireNames.Of(r.ClientId));
        w.WriteString("workspace_id", r.WorkspaceId);
        var (ip, userAgent) = (ComplianceJson.NonEmpty(r.ClientIp), ComplianceJson.NonEmpty(r.UserAgent));
        if (ip is not null || userAgent is not null)
        {
            w.WriteStartObject("request_metadata");
            w.WriteStringIfNotNull("client_ip", ip);
            w.WriteStringIfNotNull("client_user_agent", userAgent);
            w.WriteEndObject();
        }

        WriteDetails(w, r, eventType);
        w.WriteEndObject();
    }

    /// <summary><c>success</c> or <c>error</c>, as OpenAI reports it; null where the record carries no outcome.</summary>
    public static string? StatusOf(ActivityRecord r)
    {
        if (r.Kind == RecordKind.ApiError || r.Error is not null || IsErrorStatus(r.Status))
        {
            return "error";
        }

        return r.Status is not null || r.Kind is RecordKind.ModelResponse or RecordKind.ToolResult ? "success" : null;
    }

    private static bool IsErrorStatus(string? status) =>
        status is not null && (status.Equals("error", StringComparison.OrdinalIgnoreCase)
                               || status.Equals("failed", StringComparison.OrdinalIgnoreCase)
                               || status.Equals("failure", StringComparison.OrdinalIgnoreCase));

    private static void WriteActor(Utf8JsonWriter w, ActivityRecord r)
    {
        w.WriteStartObject("actor");
        w.WriteString("type", r.UserId is null ? "UNKNOWN" : "ACCOUNT_USER");
        w.WriteStringIfNotNull("user_id", r.UserId);
        w.WriteStringIfNotNull("user_email", r.Actor.Email);
        w.WriteStringIfNotNull("user_name", r.Actor.DisplayName);
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, ActivityRecord r, string eventType)
    {
        w.WriteStartObject("event_details");
        w.WriteString("detail_type", eventType);
        w.WriteStringIfNotNull("session_id", r.SessionId);
        w.WriteStringIfNotNull("turn_id", r.TurnId);
        w.WriteStringIfNotNull("prompt_text", r.PromptText);
        w.WriteStringIfNotNull("response_text", r.ResponseText);
        w.WriteStringIfNotNull("status", StatusOf(r));
        w.WriteStringIfNotNull("model", r.Model);
        if (!r.Usage.IsEmpty)
        {
            w.WriteStartObject("token_usage");
            w.WriteNumber("input_tokens", r.Usage.InputTokens);
            w.WriteNumber("output_tokens", r.Usage.OutputTokens);
            w.WriteNumber("cached_input_tokens", r.Usage.CachedInputTokens);
            w.WriteNumber("reasoning_output_tokens", r.Usage.ReasoningTokens);
            w.WriteEndObject();
        }

        w.WriteStringIfNotNull("tool_name", r.ToolName);
        w.WriteStringIfNotNull("tool_input", r.ToolInput);
        w.WriteStringIfNotNull("tool_output", r.ToolOutput);
        if (r.Error is not null)
        {
            w.WriteString("error_message", r.Error);
        }

        w.WriteNumber("seq", r.Seq);
        w.WriteString("source_event_id", r.EventId);
        w.WriteString("kind", WireNames.Of(r.Kind));
        w.WriteString("agent", WireNames.Of(r.Agent));
        w.WriteString("surface", WireNames.Of(r.Surface));
        w.WriteStringIfNotNull("client_version", r.ClientVersion);
        w.WriteNumberIfNotNull("duration_ms", r.DurationMs);
        w.WriteNumberIfNotNull("cost_usd", Normalize(r.CostUsd));
        w.WriteNumberIfNotNull("credits", Normalize(r.Credits));
        w.WriteString("received_at", ComplianceJson.Timestamp(r.ReceivedAt));
        w.WriteEndObject();
    }

    /// <summary>Drops trailing zeros, so that a value reads the same whichever engine stored it (0.010000 → 0.01).</summary>
    public static decimal? Normalize(decimal? value) => value is { } v ? v / 1.0000000000000000000000000000m : null;
}
