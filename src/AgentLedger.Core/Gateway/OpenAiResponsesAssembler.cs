using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// OpenAI Responses API: text from <c>response.output_text.delta</c>, tool calls from <c>response.output_item.done</c>,
/// model and usage from <c>response.completed</c> (https://platform.openai.com/docs/api-reference/responses-streaming).
/// </summary>
internal sealed class OpenAiResponsesAssembler : GatewayResponseAssembler
{
    protected override void OnEvent(string? name, JsonObject data)
    {
        switch (Str(data["type"]) ?? name)
        {
            case "response.created" or "response.in_progress":
                ReadResponse(data["response"] as JsonObject, final: false);
                break;
            case "response.output_text.delta":
                AppendText(Str(data["delta"]));
                break;
            case "response.output_item.done":
                if (data["item"] is JsonObject item)
                {
                    ReadItem(item, textFromItem: false);
                }

                break;
            case "response.completed" or "response.incomplete" or "response.failed":
                ReadResponse(data["response"] as JsonObject, final: true);
                break;
            case "error":
                Error = Str(data["message"]) ?? Str(data["error"]?["message"]) ?? "error";
                break;
        }
    }

    protected override void OnBody(JsonObject body)
    {
        foreach (var item in Objects(body["output"]))
        {
            ReadItem(item, textFromItem: true);
        }

        ReadResponse(body, final: true);
    }

    private void ReadResponse(JsonObject? response, bool final)
    {
        if (response is null)
        {
            return;
        }

        Model = Str(response["model"]) ?? Model;
        ResponseId = Str(response["id"]) ?? ResponseId;
        if (!final)
        {
            return;
        }

        StopReason = Str(response["status"]) ?? StopReason;
        if (Str(response["error"]?["message"]) is { } error)
        {
            Error = error;
        }

        if (response["usage"] is JsonObject usage)
        {
            Usage = new TokenUsage(
                Long(usage["input_tokens"]), Long(usage["input_tokens_details"]?["cached_tokens"]),
                Long(usage["output_tokens"]), Long(usage["output_tokens_details"]?["reasoning_tokens"]));
        }
    }

    private void ReadItem(JsonObject item, bool textFromItem)
    {
        switch (Str(item["type"]))
        {
            case "message" when textFromItem || !HasText:
                AppendText(Parts(item["content"], "output_text"));
                break;
            case "function_call":
                ToolCalls.Add(new GatewayToolCall(Str(item["call_id"]), Str(item["name"]) ?? "", Str(item["arguments"]) ?? ""));
                break;
            case "custom_tool_call":
                ToolCalls.Add(new GatewayToolCall(Str(item["call_id"]), Str(item["name"]) ?? "", Str(item["input"]) ?? ""));
                break;
            case "local_shell_call":
                ToolCalls.Add(new GatewayToolCall(Str(item["call_id"]), "local_shell", item["action"]?.ToJsonString() ?? ""));
                break;
        }
    }
}
