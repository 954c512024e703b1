using System.Text.Json.Nodes;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Reads what a model request adds to the conversation. Agents replay the whole history on every call; the new part
/// is what follows the model's last output (its last assistant message or tool call): the user's new input, or the
/// tool results the agent sends back. Everything before is history and was recorded when it was new.
/// </summary>
public static partial class GatewayRequestReader
{
    /// <param name="pathModel">The model named in the route (Gemini puts it in the path).</param>
    /// <param name="pathStream">Whether the route itself asks for a stream (Gemini's <c>streamGenerateContent</c>).</param>
    public static GatewayRequestView Read(GatewayApi api, JsonObject body, string? pathModel = null, bool pathStream = false) => api switch
    {
        GatewayApi.OpenAiResponses => ReadResponses(body),
        GatewayApi.OpenAiChatCompletions => ReadChat(body),
        GatewayApi.AnthropicMessages => ReadAnthropic(body),
        GatewayApi.GeminiGenerateContent => ReadGemini(body, pathModel, pathStream),
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    private static string? Join(List<string> texts) => texts.Count == 0 ? null : string.Join("\n\n", texts);

    private static void AddUserText(List<string> prompts, string? text)
    {
        if (AgentInjectedContext.UserText(text) is { } typed)
        {
            prompts.Add(typed);
        }
    }

    private static GatewayToolResult Result(Dictionary<string, (string Name, string Arguments)> calls, string? callId, string? name, string output)
    {
        if (callId is not null && calls.TryGetValue(callId, out var call))
        {
            return new GatewayToolResult(callId, name ?? call.Name, call.Arguments, output);
        }

        return new GatewayToolResult(callId, name, null, output);
    }

    private static GatewayRequestView ReadResponses(JsonObject body)
    {
        var model = Str(body["model"]);
        var stream = Bool(body["stream"]);
        if (Str(body["input"]) is { } single)
        {
            return new GatewayRequestView(model, stream, AgentInjectedContext.UserText(single), []);
        }

        var items = Objects(body["input"]).ToList();
        var calls = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var lastOutput = -1;
        for (var i = 0; i < items.Count; i++)
        {
            var type = Str(items[i]["type"]) ?? "message";
            var role = Str(items[i]["role"]);
            if ((type == "message" && role == "assistant") || (type != "message" && !type.EndsWith("_output", StringComparison.Ordinal)))
            {
                lastOutput = i;
            }

            if (type is "function_call" or "custom_tool_call" && Str(items[i]["call_id"]) is { } id)
            {
                calls[id] = (Str(items[i]["name"]) ?? "", Str(items[i]["arguments"]) ?? Str(items[i]["input"]) ?? "");
            }
            else if (type == "local_shell_call" && Str(items[i]["call_id"]) is { } shellId)
            {
                calls[shellId] = ("local_shell", items[i]["action"]?.ToJsonString() ?? "");
            }
        }

        List<string> prompts = [];
        List<GatewayToolResult> results = [];
        foreach (var item in items.Skip(lastOutput + 1))
        {
            var type = Str(item["type"]) ?? "message";
            if (type == "message" && Str(item["role"]) == "user")
            {
                if (Str(item["content"]) is { } text)
                {
                    AddUserText(prompts, text);
                }

                foreach (var part in Objects(item["content"]).Where(p => Str(p["type"]) is "input_text" or "text"))
                {
                    AddUserText(prompts, Str(part["text"]));
                }
            }
            else if (type.EndsWith("_output", StringComparison.Ordinal))
            {
                var output = item["output"] is JsonArray parts ? Parts(parts) ?? parts.ToJsonString() : TextOrJson(item["output"]) ?? "";
                results.Add(Result(calls, Str(item["call_id"]), null, output));
            }
        }

        return new GatewayRequestView(model, stream, Join(prompts), results);
    }

    private static GatewayRequestView ReadChat(JsonObject body)
    {
        var messages = Objects(body["messages"]).ToList();
        var calls = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var lastOutput = messages.FindLastIndex(m => Str(m["role"]) == "assistant");
        foreach (var call in messages.Where(m => Str(m["role"]) == "assistant").SelectMany(m => Objects(m["tool_calls"])))
        {
            if (Str(call["id"]) is { } id)
            {
                calls[id] = (Str(call["function"]?["name"]) ?? "", Str(call["function"]?["arguments"]) ?? "");
            }
        }

        List<string> prompts = [];
        List<GatewayToolResult> results = [];
        foreach (var message in messages.Skip(lastOutput + 1))
        {
            switch (Str(message["role"]))
            {
                case "user":
                    if (Str(message["content"]) is { } text)
                    {
                        AddUserText(prompts, text);
                    }

                    foreach (var part in Objects(message["content"]).Where(p => Str(p["type"]) == "text"))
                    {
                        AddUserText(prompts, Str(part["text"]));
                    }

                    break;
                case "tool":
                    results.Add(Result(calls, Str(message["tool_call_id"]), null, Parts(message["content"], "text") ?? TextOrJson(message["content"]) ?? ""));
                    break;
            }
        }

        return new GatewayRequestView(Str(body["model"]), Bool(body["stream"]), Join(prompts), results);
    }
}
