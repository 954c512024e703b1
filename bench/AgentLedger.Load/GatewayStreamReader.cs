using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Load;

/// <summary>
/// Reads a streamed (SSE) answer as the agent does: the text and tool calls to replay, and whether the provider's
/// final event arrived (OpenAI <c>response.completed</c>, Anthropic <c>message_stop</c>).
/// </summary>
internal static class GatewayStreamReader
{
    public static GatewayAnswer Read(TrafficKind kind, byte[] body)
    {
        var events = Events(body).ToList();
        return kind == TrafficKind.GatewayOpenAi ? OpenAi(events) : Anthropic(events);
    }

    private static GatewayAnswer OpenAi(List<JsonObject> events)
    {
        var completed = events.LastOrDefault(e => (string?)e["type"] == "response.completed")?["response"] as JsonObject;
        if (completed is null)
        {
            return new GatewayAnswer(false, "", [], null);
        }

        var text = new StringBuilder();
        var calls = new List<GatewayToolCall>();
        foreach (var item in (completed["output"] as JsonArray ?? []).OfType<JsonObject>())
        {
            switch ((string?)item["type"])
            {
                case "message":
                    text.AppendJoin("", (item["content"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (string?)p["text"] ?? ""));
                    break;
                case "function_call":
                    calls.Add(new GatewayToolCall((string)item["call_id"]!, (string?)item["name"] ?? "", (string?)item["arguments"] ?? "{}"));
                    break;
            }
        }

        return new GatewayAnswer(true, text.ToString(), calls, (string?)completed["status"]);
    }

    private static GatewayAnswer Anthropic(List<JsonObject> events)
    {
        var text = new StringBuilder();
        var calls = new List<GatewayToolCall>();
        var json = new Dictionary<int, (string Id, string Name, StringBuilder Input)>();
        string? stop = null;
        var complete = false;
        foreach (var e in events)
        {
            var index = (int?)e["index"] ?? -1;
            var blockType = (string?)e["content_block"]?["type"];
            var deltaType = (string?)e["delta"]?["type"];
            switch ((string?)e["type"])
            {
                case "content_block_start" when blockType == "tool_use":
                    json[index] = ((string)e["content_block"]!["id"]!, (string?)e["content_block"]!["name"] ?? "", new StringBuilder());
                    break;
                case "content_block_delta" when deltaType == "text_delta":
                    text.Append((string?)e["delta"]!["text"]);
                    break;
                case "content_block_delta" when deltaType == "input_json_delta" && json.TryGetValue(index, out var partial):
                    partial.Input.Append((string?)e["delta"]!["partial_json"]);
                    break;
                case "content_block_stop" when json.Remove(index, out var done):
                    calls.Add(new GatewayToolCall(done.Id, done.Name, done.Input.Length == 0 ? "{}" : done.Input.ToString()));
                    break;
                case "message_delta":
                    stop = (string?)e["delta"]?["stop_reason"] ?? stop;
                    break;
                case "message_stop":
                    complete = true;
                    break;
            }
        }

        return new GatewayAnswer(complete, text.ToString(), calls, stop);
    }

    /// <summary>The <c>data:</c> payloads of the stream's events (https://html.spec.whatwg.org/multipage/server-sent-events.html).</summary>
    private static IEnumerable<JsonObject> Events(byte[] body)
    {
        var data = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var l = line.TrimEnd('\r');
            if (l.Length == 0)
            {
                if (data.Length > 0 && Parse(data.ToString()) is { } obj)
                {
                    yield return obj;
                }

                data.Clear();
            }
            else if (l.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(l.AsSpan(5).TrimStart(' '));
            }
        }

        if (data.Length > 0 && Parse(data.ToString()) is { } last)
        {
            yield return last;
        }
    }

    private static JsonObject? Parse(string data)
    {
        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
