using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Anthropic Messages: model and input usage from <c>message_start</c>, text from <c>text_delta</c>, tool uses from
/// <c>content_block_start</c> plus their <c>input_json_delta</c> parts, stop reason and output tokens from
/// <c>message_delta</c> (https://docs.anthropic.com/en/docs/build-with-claude/streaming). Input tokens are normalised
/// to include cache reads and writes, which Anthropic counts apart.
/// </summary>
internal sealed class AnthropicMessagesAssembler : GatewayResponseAssembler
{
    private readonly SortedDictionary<long, (string? Id, string Name, StringBuilder Input)> _uses = [];
    private long _input;
    private long _cacheRead;
    private long _cacheWrite;
    private long _output;

    protected override void OnEvent(string? name, JsonObject data)
    {
        switch (Str(data["type"]) ?? name)
        {
            case "message_start" when data["message"] is JsonObject message:
                Model = Str(message["model"]);
                ResponseId = Str(message["id"]);
                ReadUsage(message["usage"] as JsonObject);
                break;
            case "content_block_start" when data["content_block"] is JsonObject block:
                if (Str(block["type"]) == "tool_use")
                {
                    var input = block["input"] is JsonObject { Count: > 0 } given ? given.ToJsonString() : "";
                    _uses[Long(data["index"])] = (Str(block["id"]), Str(block["name"]) ?? "", new StringBuilder(input));
                }
                else
                {
                    AppendText(Str(block["text"]));
                }

                break;
            case "content_block_delta" when data["delta"] is JsonObject delta:
                if (Str(delta["type"]) == "input_json_delta" && _uses.TryGetValue(Long(data["index"]), out var use))
                {
                    use.Input.Append(Str(delta["partial_json"]));
                }
                else if (Str(delta["type"]) == "text_delta")
                {
                    AppendText(Str(delta["text"]));
                }

                break;
            case "message_delta":
                StopReason = Str(data["delta"]?["stop_reason"]) ?? StopReason;
                ReadUsage(data["usage"] as JsonObject);
                break;
            case "error":
                Error = Str(data["error"]?["message"]) ?? "error";
                break;
        }
    }

    protected override void OnBody(JsonObject body)
    {
        Model = Str(body["model"]);
        ResponseId = Str(body["id"]);
        StopReason = Str(body["stop_reason"]);
        if (Str(body["type"]) == "error")
        {
            Error = Str(body["error"]?["message"]);
        }

        foreach (var block in Objects(body["content"]))
        {
            if (Str(block["type"]) == "text")
            {
                AppendText(Str(block["text"]));
            }
            else if (Str(block["type"]) == "tool_use")
            {
                ToolCalls.Add(new GatewayToolCall(Str(block["id"]), Str(block["name"]) ?? "", block["input"]?.ToJsonString() ?? "{}"));
            }
        }

        ReadUsage(body["usage"] as JsonObject);
    }

    protected override IReadOnlyList<GatewayToolCall> FinishToolCalls() =>
        [.. ToolCalls, .. _uses.Values.Select(u => new GatewayToolCall(u.Id, u.Name, u.Input.Length == 0 ? "{}" : u.Input.ToString()))];

    // message_delta repeats or updates the counters (output tokens are cumulative), so each seen value replaces the last.
    private void ReadUsage(JsonObject? usage)
    {
        if (usage is null)
        {
            return;
        }

        _input = usage.ContainsKey("input_tokens") ? Long(usage["input_tokens"]) : _input;
        _cacheRead = usage.ContainsKey("cache_read_input_tokens") ? Long(usage["cache_read_input_tokens"]) : _cacheRead;
        _cacheWrite = usage.ContainsKey("cache_creation_input_tokens") ? Long(usage["cache_creation_input_tokens"]) : _cacheWrite;
        _output = usage.ContainsKey("output_tokens") ? Long(usage["output_tokens"]) : _output;
        Usage = new TokenUsage(_input + _cacheRead + _cacheWrite, _cacheRead, _output, 0);
    }
}
