using System.Text.Json.Nodes;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

public static partial class GatewayRequestReader
{
    private static GatewayRequestView ReadAnthropic(JsonObject body)
    {
        var messages = Objects(body["messages"]).ToList();
        var calls = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var lastOutput = messages.FindLastIndex(m => Str(m["role"]) == "assistant");
        foreach (var use in messages.Where(m => Str(m["role"]) == "assistant").SelectMany(m => Objects(m["content"])).Where(b => Str(b["type"]) == "tool_use"))
        {
            if (Str(use["id"]) is { } id)
            {
                calls[id] = (Str(use["name"]) ?? "", use["input"]?.ToJsonString() ?? "{}");
            }
        }

        List<string> prompts = [];
        List<GatewayToolResult> results = [];
        foreach (var message in messages.Skip(lastOutput + 1).Where(m => Str(m["role"]) == "user"))
        {
            if (Str(message["content"]) is { } text)
            {
                AddUserText(prompts, text);
            }

            foreach (var block in Objects(message["content"]))
            {
                switch (Str(block["type"]))
                {
                    case "text":
                        AddUserText(prompts, Str(block["text"]));
                        break;
                    case "tool_result":
                        results.Add(Result(calls, Str(block["tool_use_id"]), null, Parts(block["content"], "text") ?? TextOrJson(block["content"]) ?? ""));
                        break;
                }
            }
        }

        return new GatewayRequestView(Str(body["model"]), Bool(body["stream"]), Join(prompts), results);
    }

    private static GatewayRequestView ReadGemini(JsonObject body, string? pathModel, bool pathStream)
    {
        var contents = Objects(body["contents"]).ToList();
        var calls = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var lastOutput = contents.FindLastIndex(c => Str(c["role"]) == "model");
        foreach (var call in contents.Where(c => Str(c["role"]) == "model").SelectMany(c => Objects(c["parts"])).Select(p => p["functionCall"]).OfType<JsonObject>())
        {
            var name = Str(call["name"]) ?? "";
            calls[Str(call["id"]) ?? name] = (name, call["args"]?.ToJsonString() ?? "{}");
        }

        List<string> prompts = [];
        List<GatewayToolResult> results = [];
        foreach (var content in contents.Skip(lastOutput + 1).Where(c => Str(c["role"]) is null or "user"))
        {
            foreach (var part in Objects(content["parts"]))
            {
                if (Str(part["text"]) is { } text)
                {
                    AddUserText(prompts, text);
                }
                else if (part["functionResponse"] is JsonObject response)
                {
                    var name = Str(response["name"]);
                    results.Add(Result(calls, Str(response["id"]) ?? name, name, response["response"]?.ToJsonString() ?? ""));
                }
            }
        }

        return new GatewayRequestView(pathModel ?? Str(body["model"]), pathStream, Join(prompts), results);
    }
}
