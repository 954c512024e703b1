using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Logs.V1;

namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>
/// Claude Code 2.1 (OpenTelemetry JS). The log body is <c>claude_code.&lt;event&gt;</c> and the attribute
/// <c>event.name</c> the short name; the session is <c>session.id</c> and a turn is a <c>prompt.id</c>.
/// <c>api_request</c> carries Anthropic usage, where input excludes cache reads and cache writes, so they are
/// added in, and the cost in USD, which is kept as reported. Without <c>OTEL_LOG_USER_PROMPTS</c> the
/// prompt and response are the literal <c>&lt;REDACTED&gt;</c>.
/// </summary>
internal sealed class ClaudeCodeVocabulary : AgentVocabulary
{
    private const string Prefix = "claude_code.";
    private const string Redacted = "<REDACTED>";

    public override Agent Agent => Agent.ClaudeCode;

    public override bool Recognises(TelemetryResource resource, TelemetryScope scope, string? eventName) =>
        resource.ServiceName == "claude-code"
        || scope.Name.StartsWith("com.anthropic.claude_code", StringComparison.Ordinal)
        || eventName?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public override string? LogEventName(LogRecord log, AttributeMap attributes)
    {
        if (log.Body?.StringValue is { } body && body.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return body;
        }

        return attributes.String("event.name") is { } name ? Prefix + name : NonEmpty(log.EventName);
    }

    /// <summary>
    /// <c>app.entrypoint</c> (sent with <c>OTEL_METRICS_INCLUDE_ENTRYPOINT</c>) names the front end:
    /// <c>cli</c> and <c>sdk-cli</c> (<c>claude -p</c>) are the CLI, <c>sdk-ts</c>/<c>sdk-py</c> the Agent SDK,
    /// <c>claude-vscode</c> the VS Code extension, <c>claude-desktop</c> the desktop app. Without it, the CLI.
    /// </summary>
    public override ClientId ClientOf(TelemetryItem item) => item.Get("app.entrypoint") switch
    {
        null or "cli" or "sdk-cli" => ClientId.ClaudeCodeCli,
        var e when e.StartsWith("sdk", StringComparison.Ordinal) => ClientId.ClaudeCodeSdk,
        var e when e.Contains("vscode", StringComparison.Ordinal) => ClientId.ClaudeCodeIdeVsCode,
        var e when e.Contains("jetbrains", StringComparison.Ordinal) => ClientId.ClaudeCodeIdeJetBrains,
        var e when e.Contains("desktop", StringComparison.Ordinal) => ClientId.ClaudeCodeDesktop,
        var e when e.Contains("github", StringComparison.Ordinal) => ClientId.ClaudeCodeGitHubAction,
        "remote" or "web" => ClientId.ClaudeCodeWeb,
        _ => ClientId.ClaudeCodeCli,
    };

    public override string? SessionOf(TelemetryItem item) => item.Get("session.id");

    public override string? TurnOf(TelemetryItem item) => item.Get("prompt.id");

    public override ActivityRecord MapLog(TelemetryItem item, ActivityRecord draft)
    {
        var record = draft with { DurationMs = item.Int64("duration_ms") };
        switch (item.EventName)
        {
            case "claude_code.user_prompt":
                var prompt = LiftContent(item, "prompt", ContentFields.PromptText, Redacted);
                item.LiftDuplicate("prompt_text", prompt, ContentFields.PromptText);
                return record with { Kind = RecordKind.UserPrompt, PromptText = prompt ?? LiftContent(item, "prompt_text", ContentFields.PromptText, Redacted) };
            case "claude_code.api_request":
                return record with
                {
                    Kind = RecordKind.ModelRequest,
                    Usage = Usage(item),
                    CostUsd = item.Decimal("cost_usd") ?? item.Decimal("cost_usd_micros") / 1_000_000m,
                    Status = item.Get("status_code"),
                };
            case "claude_code.assistant_response":
                return record with { Kind = RecordKind.ModelResponse, ResponseText = LiftContent(item, "response", ContentFields.ResponseText, Redacted) };
            case "claude_code.tool_decision":
                return record with
                {
                    Kind = RecordKind.ToolDecision,
                    ToolName = item.Get("tool_name"),
                    ToolInput = item.Lift("tool_parameters", ContentFields.ToolInput),
                    Status = item.Get("decision"),
                };
            case "claude_code.tool_result":
                var input = item.Lift("tool_input", ContentFields.ToolInput) ?? item.Lift("tool_parameters", ContentFields.ToolInput);
                return record with
                {
                    Kind = RecordKind.ToolResult,
                    ToolName = item.Get("tool_name"),
                    ToolInput = input,
                    ToolOutput = item.Lift("tool_output", ContentFields.ToolOutput),
                    Status = SuccessStatus(item.Bool("success")),
                    Error = item.Get("error"),
                };
            case "claude_code.api_error":
                return record with { Kind = RecordKind.ApiError, Error = item.Get("error") ?? "api_error", Status = item.Get("status_code") };
            default:
                // api_retries_exhausted repeats the final api_error, so it stays Other rather than counting an error twice.
                return record;
        }
    }

    private static TokenUsage Usage(TelemetryItem item)
    {
        var uncached = item.Int64("input_tokens") ?? 0;
        var cacheRead = item.Int64("cache_read_tokens") ?? 0;
        var cacheWrite = item.Int64("cache_creation_tokens") ?? 0;
        return new TokenUsage(uncached + cacheRead + cacheWrite, cacheRead, item.Int64("output_tokens") ?? 0, 0);
    }
}
