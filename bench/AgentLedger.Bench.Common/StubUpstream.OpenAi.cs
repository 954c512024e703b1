using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Bench;

public sealed partial class StubUpstream
{
    private static readonly string[] FixedWords = ["Done. ", "The ", "command ", "printed: ", "hello. ", "Anything ", "else ", "I ", "should ", "run ", "for ", "you?"];

    /// <summary>
    /// The Responses API: streamed, the event sequence of the Codex stub (created, output_item.added, text deltas or
    /// function-call argument deltas, output_item.done, completed with usage); otherwise the same response as JSON.
    /// </summary>
    private async Task RespondOpenAiAsync(HttpContext context)
    {
        Interlocked.Increment(ref _openAiRequests);
        if (_options.OpenAiKey is { } key && context.Request.Headers.Authorization.ToString() != "Bearer " + key)
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "invalid_api_key", ["message"] = "stub: wrong API key" },
            });
            return;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await JsonAsync(context, StatusCodes.Status400BadRequest, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "stub: the body is not a JSON object" },
            });
            return;
        }

        var model = (string?)body["model"] ?? "stub-model";
        var responseId = NextId("resp");
        var item = _options.AgentLoop ? PlanOpenAi(body) : FixedMessage();
        var input = Math.Max(1, context.Request.ContentLength ?? 4000) / 4;
        var outputText = (string?)item["arguments"] ?? (string?)item["content"]?[0]?["text"] ?? "";
        var response = new JsonObject
        {
            ["id"] = responseId, ["object"] = "response", ["status"] = "completed", ["model"] = model,
            ["output"] = new JsonArray(item.DeepClone()),
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = input, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = input / 2 },
                ["output_tokens"] = Math.Max(1, outputText.Length / 4), ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = input + Math.Max(1, outputText.Length / 4),
            },
        };
        if ((bool?)body["stream"] != true)
        {
            await JsonAsync(context, StatusCodes.Status200OK, response);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await SendAsync(context, "response.created", new JsonObject
        {
            ["type"] = "response.created", ["response"] = new JsonObject { ["id"] = responseId, ["object"] = "response", ["status"] = "in_progress", ["model"] = model },
        });
        var added = item.DeepClone().AsObject();
        if ((string?)item["type"] == "function_call")
        {
            added["arguments"] = "";
            await SendAsync(context, "response.output_item.added", new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = added });
            await SendAsync(context, "response.function_call_arguments.delta", new JsonObject
            {
                ["type"] = "response.function_call_arguments.delta", ["item_id"] = item["id"]!.DeepClone(), ["output_index"] = 0, ["delta"] = outputText,
            });
            await SendAsync(context, "response.function_call_arguments.done", new JsonObject
            {
                ["type"] = "response.function_call_arguments.done", ["item_id"] = item["id"]!.DeepClone(), ["output_index"] = 0, ["arguments"] = outputText,
            });
        }
        else
        {
            added["content"] = new JsonArray();
            await SendAsync(context, "response.output_item.added", new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = added });
            foreach (var delta in _options.AgentLoop ? Deltas(outputText) : FixedWords)
            {
                await SendAsync(context, "response.output_text.delta", new JsonObject
                {
                    ["type"] = "response.output_text.delta", ["item_id"] = item["id"]!.DeepClone(), ["output_index"] = 0, ["content_index"] = 0, ["delta"] = delta,
                });
            }
        }

        await SendAsync(context, "response.output_item.done", new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = item });
        await SendAsync(context, "response.completed", new JsonObject { ["type"] = "response.completed", ["response"] = response });
    }

    private static JsonObject FixedMessage() => Message("msg_1", string.Concat(FixedWords));

    private static JsonObject Message(string id, string text) => new()
    {
        ["type"] = "message", ["role"] = "assistant", ["id"] = id, ["status"] = "completed",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    /// <summary>The next step of the turn started by the last typed user message: a shell call, or the closing text.</summary>
    private JsonObject PlanOpenAi(JsonObject body)
    {
        var items = (body["input"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var promptAt = items.FindLastIndex(i => (string?)i["role"] == "user" && TypedText(i["content"]) is not null);
        var prompt = promptAt < 0 ? "" : TypedText(items[promptAt]["content"])!;
        var step = items.Skip(promptAt + 1).Count(i => (string?)i["type"] == "function_call_output");
        var offersShell = (body["tools"] as JsonArray ?? []).OfType<JsonObject>().Any(t => (string?)t["name"] == "exec_command");
        var steps = StubScript.Steps(prompt);
        if (!offersShell || step >= steps.Count)
        {
            return Message(NextId("msg"), StubScript.FinalText(prompt));
        }

        return new JsonObject
        {
            ["type"] = "function_call", ["id"] = NextId("fc"), ["call_id"] = NextId("call"), ["name"] = "exec_command", ["status"] = "completed",
            ["arguments"] = new JsonObject { ["cmd"] = steps[step].Command, ["yield_time_ms"] = 10000 }.ToJsonString(),
        };
    }

    /// <summary>The text a user typed in a message's content (parts an agent injects, such as &lt;environment_context&gt;, are not).</summary>
    private static string? TypedText(JsonNode? content)
    {
        var texts = content is JsonValue v && v.TryGetValue<string>(out var s)
            ? [s]
            : (content as JsonArray ?? []).OfType<JsonObject>().Select(p => (string?)p["text"]).OfType<string>();
        var typed = texts.Select(t => t.Trim()).Where(t => t.Length > 0 && !t.StartsWith('<') && !t.StartsWith("# AGENTS.md", StringComparison.Ordinal)).ToList();
        return typed.Count == 0 ? null : string.Join("\n", typed);
    }
}
