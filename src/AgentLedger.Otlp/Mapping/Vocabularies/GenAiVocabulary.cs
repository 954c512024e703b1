using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Trace.V1;

namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>
/// Any other emitter, understood through the OpenTelemetry GenAI semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/gen-ai/): an inference span (<c>gen_ai.operation.name</c>
/// <c>chat</c>, <c>text_completion</c>, <c>generate_content</c>) is a model response with
/// <c>gen_ai.usage.*</c> tokens (input includes cached reads, as the conventions define it), an
/// <c>execute_tool</c> span a tool result, and the <c>gen_ai.client.inference.operation.details</c> event a
/// model response that counts tokens only when it belongs to no span — otherwise the span counts them.
/// Anything else is kept as a record of kind Other.
/// </summary>
internal sealed class GenAiVocabulary : AgentVocabulary
{
    private const string InferenceDetails = "gen_ai.client.inference.operation.details";

    public override Agent Agent => Agent.Unknown;

    public override bool Recognises(TelemetryResource resource, TelemetryScope scope, string? eventName) => true;

    public override ClientId ClientOf(TelemetryItem item) => ClientId.UnknownDefault;

    public override ActivityRecord MapLog(TelemetryItem item, ActivityRecord draft)
    {
        if (item.EventName != InferenceDetails)
        {
            return draft;
        }

        return draft with
        {
            Kind = RecordKind.ModelResponse,
            Usage = item.LinkedToSpan ? TokenUsage.None : Usage(item),
            Error = item.Get("error.type"),
        };
    }

    public override ActivityRecord MapSpan(TelemetryItem item, Span span, ActivityRecord draft)
    {
        var failed = span.Status?.Code == Status.Types.StatusCode.Error;
        var error = failed ? NonEmpty(span.Status!.Message) ?? item.Get("error.type") ?? "error" : item.Get("error.type");
        switch (item.Get("gen_ai.operation.name"))
        {
            case "chat" or "text_completion" or "generate_content":
                return draft with { Kind = RecordKind.ModelResponse, Usage = Usage(item), Error = error };
            case "execute_tool":
                return draft with
                {
                    Kind = RecordKind.ToolResult,
                    ToolName = item.Get("gen_ai.tool.name"),
                    ToolInput = item.Lift("gen_ai.tool.call.arguments", ContentFields.ToolInput),
                    ToolOutput = item.Lift("gen_ai.tool.call.result", ContentFields.ToolOutput),
                    Status = failed ? "failure" : "success",
                    Error = error,
                };
            default:
                return draft with { Error = error };
        }
    }

    private static TokenUsage Usage(TelemetryItem item) => new(
        item.Int64("gen_ai.usage.input_tokens") ?? 0,
        item.Int64("gen_ai.usage.cache_read.input_tokens") ?? 0,
        item.Int64("gen_ai.usage.output_tokens") ?? 0,
        item.Int64("gen_ai.usage.reasoning.output_tokens") ?? 0);
}
