using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Gemini <c>generateContent</c>: each streamed chunk is a whole <c>GenerateContentResponse</c>; text and function
/// calls come from <c>candidates[0].content.parts</c> (thought parts are reasoning, not answer text), usage from the
/// last <c>usageMetadata</c> (cumulative). Output tokens are normalised to include thoughts.
/// </summary>
internal sealed class GeminiAssembler : GatewayResponseAssembler
{
    protected override void OnEvent(string? name, JsonObject data) => OnBody(data);

    protected override void OnBody(JsonObject body)
    {
        Model = Str(body["modelVersion"]) ?? Model;
        ResponseId = Str(body["responseId"]) ?? ResponseId;
        if (Str(body["error"]?["message"]) is { } error)
        {
            Error = error;
        }

        foreach (var candidate in Objects(body["candidates"]).Take(1))
        {
            StopReason = Str(candidate["finishReason"]) ?? StopReason;
            foreach (var part in Objects(candidate["content"]?["parts"]))
            {
                if (part["functionCall"] is JsonObject call)
                {
                    ToolCalls.Add(new GatewayToolCall(Str(call["id"]), Str(call["name"]) ?? "", call["args"]?.ToJsonString() ?? "{}"));
                }
                else if (!Bool(part["thought"]))
                {
                    AppendText(Str(part["text"]));
                }
            }
        }

        if (body["usageMetadata"] is JsonObject usage)
        {
            var thoughts = Long(usage["thoughtsTokenCount"]);
            Usage = new TokenUsage(
                Long(usage["promptTokenCount"]) + Long(usage["toolUsePromptTokenCount"]), Long(usage["cachedContentTokenCount"]),
                Long(usage["candidatesTokenCount"]) + thoughts, thoughts);
        }
    }
}
