using AgentLedger.Core.Records;

namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>
/// Gemini CLI 0.61 (OpenTelemetry JS). The event name is the attribute <c>event.name</c>
/// (<c>gemini_cli.*</c>), the session is <c>session.id</c> (also on the resource) and a turn a
/// <c>prompt_id</c>. Tokens come from <c>gemini_cli.api_response</c> with Gemini's usage metadata: the
/// prompt count includes cached content, thoughts and tool-use prompt tokens are counted apart, so they are
/// added into output and input. <c>gen_ai.client.inference.operation.details</c> repeats each request and
/// response and counts nothing. <c>service.version</c> is the Node.js version, not the CLI's, so it is not
/// taken as the client version.
/// </summary>
internal sealed class GeminiCliVocabulary : AgentVocabulary
{
    public override Agent Agent => Agent.GeminiCli;

    public override bool Recognises(TelemetryResource resource, TelemetryScope scope, string? eventName) =>
        resource.ServiceName == "gemini-cli"
        || scope.Name == "gemini-cli"
        || eventName?.StartsWith("gemini_cli.", StringComparison.Ordinal) == true;

    public override ClientId ClientOf(TelemetryItem item) => ClientId.GeminiCli;

    public override string? ClientVersionOf(TelemetryItem item) => item.First("app.version", "cli.version");

    public override string? SessionOf(TelemetryItem item) => item.First("session.id", "gen_ai.conversation.id");

    public override string? TurnOf(TelemetryItem item) => item.Get("prompt_id");

    public override string? ModelOf(TelemetryItem item) => item.First("model", "model_name", "gen_ai.response.model", "gen_ai.request.model");

    /// <summary>With an API key Gemini CLI sends no user; its per-install <c>installation.id</c> then stands in.</summary>
    public override ActorIdentity ActorOf(TelemetryItem item) => IdentityAttributes.Read(item, item.Get("installation.id"));

    public override ActivityRecord MapLog(TelemetryItem item, ActivityRecord draft)
    {
        var record = draft with { DurationMs = item.Int64("duration_ms") ?? item.Int64("duration") };
        return item.EventName switch
        {
            "gemini_cli.config" => record with { Kind = RecordKind.SessionStarted },
            "gemini_cli.user_prompt" => record with
            {
                Kind = RecordKind.UserPrompt,
                PromptText = item.Lift("prompt", ContentFields.PromptText),
            },
            "gemini_cli.api_request" => record with { Kind = RecordKind.ModelRequest },
            "gemini_cli.api_response" => record with
            {
                Kind = RecordKind.ModelResponse,
                Usage = Usage(item),
                Status = item.Get("status_code"),
                ResponseText = item.Lift("response_text", ContentFields.ResponseText),
                Error = item.Get("error"),
            },
            "gemini_cli.api_error" => record with
            {
                Kind = RecordKind.ApiError,
                Status = item.Get("status_code"),
                Error = item.First("error.message", "error") ?? "api_error",
            },
            "gemini_cli.tool_call" => record with
            {
                Kind = RecordKind.ToolResult,
                ToolName = item.Get("function_name"),
                ToolInput = item.Lift("function_args", ContentFields.ToolInput),
                Status = SuccessStatus(item.Bool("success")),
                Error = item.First("error", "error.message"),
            },
            _ => record,
        };
    }

    private static TokenUsage Usage(TelemetryItem item)
    {
        var thoughts = item.Int64("thoughts_token_count") ?? 0;
        return new TokenUsage(
            (item.Int64("input_token_count") ?? 0) + (item.Int64("tool_token_count") ?? 0),
            item.Int64("cached_content_token_count") ?? 0,
            (item.Int64("output_token_count") ?? 0) + thoughts,
            thoughts);
    }
}
