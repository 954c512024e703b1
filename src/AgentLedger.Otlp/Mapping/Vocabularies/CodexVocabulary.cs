using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Logs.V1;
using AgentLedger.Otlp.Proto.Trace.V1;

namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>
/// OpenAI Codex CLI 0.169 (opentelemetry-rust). The event name is the attribute <c>event.name</c> (the OTLP
/// <c>eventName</c> field holds a source location), numbers arrive as strings or ints, the session is
/// <c>conversation.id</c>, tokens come once per model call on the <c>codex.sse_event</c> of kind
/// <c>response.completed</c> that carries <c>input_token_count</c> (OpenAI usage: input includes cached,
/// output includes reasoning). The assistant's reply text is exported nowhere.
/// </summary>
internal sealed class CodexVocabulary : AgentVocabulary
{
    private const string Redacted = "[REDACTED]";

    public override Agent Agent => Agent.Codex;

    public override bool Recognises(TelemetryResource resource, TelemetryScope scope, string? eventName) =>
        resource.ServiceName?.StartsWith("codex", StringComparison.OrdinalIgnoreCase) == true
        || scope.Name.StartsWith("codex", StringComparison.Ordinal)
        || eventName?.StartsWith("codex.", StringComparison.Ordinal) == true;

    /// <summary>The OTLP <c>eventName</c> field holds a source location (<c>event otel/src/…rs:703</c>), not the event.</summary>
    public override string? LogEventName(LogRecord log, AttributeMap attributes) => attributes.String("event.name");

    /// <summary>
    /// The originator names the front end: <c>codex_exec</c> and <c>codex_cli_rs</c> (the TUI) are the CLI,
    /// <c>codex_vscode</c> the VS Code extension, <c>codex_sdk_ts</c> the TypeScript SDK.
    /// </summary>
    public override ClientId ClientOf(TelemetryItem item)
    {
        var originator = item.First("originator", "service.name") ?? "";
        if (originator.Contains("vscode", StringComparison.OrdinalIgnoreCase))
        {
            return ClientId.CodexIdeVsCode;
        }

        if (originator.Contains("jetbrains", StringComparison.OrdinalIgnoreCase) || originator.Contains("intellij", StringComparison.OrdinalIgnoreCase))
        {
            return ClientId.CodexIdeJetBrains;
        }

        if (originator.Contains("desktop", StringComparison.OrdinalIgnoreCase))
        {
            return ClientId.CodexDesktopApp;
        }

        return originator.Contains("sdk", StringComparison.OrdinalIgnoreCase) ? ClientId.CodexSdkTypeScript : ClientId.CodexCli;
    }

    public override string? SessionOf(TelemetryItem item) => item.Get("conversation.id");

    public override string? TurnOf(TelemetryItem item) => item.Get("turn.id");

    public override ActivityRecord MapLog(TelemetryItem item, ActivityRecord draft)
    {
        var error = item.Get("error.message");
        var record = draft with { DurationMs = item.Int64("duration_ms"), Error = error };
        return item.EventName switch
        {
            "codex.conversation_starts" => record with { Kind = RecordKind.SessionStarted },
            "codex.user_prompt" => record with
            {
                Kind = RecordKind.UserPrompt,
                PromptText = LiftContent(item, "prompt", ContentFields.PromptText, Redacted),
            },
            "codex.api_request" => record with
            {
                Kind = error is null ? RecordKind.ModelRequest : RecordKind.ApiError,
                Status = item.Get("http.response.status_code"),
            },
            "codex.sse_event" => MapSseEvent(item, record, error),
            "codex.tool_decision" => record with
            {
                Kind = RecordKind.ToolDecision,
                ToolName = item.Get("tool_name"),
                Status = item.Get("decision"),
            },
            "codex.tool_result" => record with
            {
                Kind = RecordKind.ToolResult,
                ToolName = item.Get("tool_name"),
                ToolInput = item.Lift("arguments", ContentFields.ToolInput),
                ToolOutput = item.Lift("output", ContentFields.ToolOutput),
                Status = SuccessStatus(item.Bool("success")),
            },
            _ => record,
        };
    }

    public override ActivityRecord MapSpan(TelemetryItem item, Span span, ActivityRecord draft) =>
        draft with { TurnId = draft.TurnId ?? item.Get("codex.turn.id") };

    private static ActivityRecord MapSseEvent(TelemetryItem item, ActivityRecord record, string? error)
    {
        if (error is not null)
        {
            return record with { Kind = RecordKind.ApiError };
        }

        if (item.Get("event.kind") != "response.completed" || item.Int64("input_token_count") is not { } input)
        {
            return record;
        }

        return record with
        {
            Kind = RecordKind.ModelResponse,
            Usage = new TokenUsage(
                input,
                item.Int64("cached_token_count") ?? 0,
                item.Int64("output_token_count") ?? 0,
                item.Int64("reasoning_token_count") ?? 0),
        };
    }
}
