using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// OpenAI Chat Completions: text from <c>choices[0].delta.content</c>, tool calls accumulated per
/// <c>delta.tool_calls[].index</c>, usage from the chunk that carries it (<c>stream_options.include_usage</c>).
/// </summary>
internal sealed class ChatCompletionsAssembler : GatewayResponseAssembler
{
    private readonly SortedDictionary<long, (string? Id, string Name, StringBuilder Arguments)> _calls = [];

    protected override void OnEvent(string? name, JsonObject data)
    {
        Read(data);
        foreach (var choice in Objects(data["choices"]).Take(1))
        {
            AppendText(Str(choice["delta"]?["content"]));
            StopReason = Str(choice["finish_reason"]) ?? StopReason;
            foreach (var call in Objects(choice["delta"]?["tool_calls"]))
            {
                var index = Long(call["index"]);
                if (!_calls.TryGetValue(index, out var entry))
                {
                    entry = (null, "", new StringBuilder());
                }

                entry = (Str(call["id"]) ?? entry.Id, Str(call["function"]?["name"]) ?? entry.Name, entry.Arguments);
                entry.Arguments.Append(Str(call["function"]?["arguments"]));
                _calls[index] = entry;
            }
        }
    }

    protected override void OnBody(JsonObject body)
    {
        Read(body);
        foreach (var choice in Objects(body["choices"]).Take(1))
        {
            AppendText(Parts(choice["message"]?["content"], "text"));
            StopReason = Str(choice["finish_reason"]);
            foreach (var call in Objects(choice["message"]?["tool_calls"]))
            {
                ToolCalls.Add(new GatewayToolCall(Str(call["id"]), Str(call["function"]?["name"]) ?? "", Str(call["function"]?["arguments"]) ?? ""));
            }
        }
    }

    protected override IReadOnlyList<GatewayToolCall> FinishToolCalls() =>
        [.. ToolCalls, .. _calls.Values.Select(c => new GatewayToolCall(c.Id, c.Name, c.Arguments.ToString()))];

    private void Read(JsonObject data)
    {
        Model = Str(data["model"]) ?? Model;
        ResponseId = Str(data["id"]) ?? ResponseId;
        if (Str(data["error"]?["message"]) is { } error)
        {
            Error = error;
        }

        if (data["usage"] is JsonObject usage)
        {
            Usage = new TokenUsage(
                Long(usage["prompt_tokens"]), Long(usage["prompt_tokens_details"]?["cached_tokens"]),
                Long(usage["completion_tokens"]), Long(usage["completion_tokens_details"]?["reasoning_tokens"]));
        }
    }
}
