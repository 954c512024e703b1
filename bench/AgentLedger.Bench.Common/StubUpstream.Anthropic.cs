using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Bench;

public sealed partial class StubUpstream
{
    /// <summary>
    /// The Messages API, with the event sequence of the Claude Code stub the real CLI was captured against:
    /// message_start (usage with cache tokens), ping, per block content_block_start / deltas (text halves or
    /// input_json_delta) / content_block_stop, message_delta (stop reason, output tokens), message_stop.
    /// </summary>
    private async Task RespondAnthropicAsync(HttpContext context)
    {
        Interlocked.Increment(ref _anthropicRequests);
        if (_options.AnthropicKey is { } key && context.Request.Headers["x-api-key"].ToString() != key)
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, AnthropicError("authentication_error", "stub: invalid x-api-key"));
            return;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await JsonAsync(context, StatusCodes.Status400BadRequest, AnthropicError("invalid_request_error", "stub: the body is not a JSON object"));
            return;
        }

        var model = (string?)body["model"] ?? "claude-stub";
        var (content, stop) = _options.AgentLoop ? PlanAnthropic(body) : ([Text(string.Concat(FixedWords))], "end_turn");
        var usage = new JsonObject
        {
            ["input_tokens"] = Math.Max(1, (context.Request.ContentLength ?? 4000) / 40), ["cache_creation_input_tokens"] = 1024,
            ["cache_read_input_tokens"] = 2048, ["output_tokens"] = Math.Max(1, content.ToJsonString().Length / 4),
        };
        var id = NextId("msg");
        if ((bool?)body["stream"] != true)
        {
            await JsonAsync(context, StatusCodes.Status200OK, new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = content,
                ["stop_reason"] = stop, ["stop_sequence"] = null, ["usage"] = usage,
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["request-id"] = NextId("req");
        var startUsage = usage.DeepClone().AsObject();
        startUsage["output_tokens"] = 1;
        await SendAsync(context, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = startUsage,
            },
        });
        await SendAsync(context, "ping", new JsonObject { ["type"] = "ping" });
        for (var i = 0; i < content.Count; i++)
        {
            var block = content[i]!.AsObject();
            var isText = (string?)block["type"] == "text";
            var start = isText
                ? Text("")
                : new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.DeepClone(), ["name"] = block["name"]!.DeepClone(), ["input"] = new JsonObject() };
            await SendAsync(context, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = i, ["content_block"] = start });
            var whole = isText ? (string)block["text"]! : block["input"]!.ToJsonString();
            foreach (var part in new[] { whole[..(whole.Length / 2)], whole[(whole.Length / 2)..] }.Where(p => p.Length > 0))
            {
                await SendAsync(context, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = i,
                    ["delta"] = isText
                        ? new JsonObject { ["type"] = "text_delta", ["text"] = part }
                        : new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part },
                });
            }

            await SendAsync(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = i });
        }

        await SendAsync(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta", ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = usage["output_tokens"]!.DeepClone() },
        });
        await SendAsync(context, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    /// <summary>Claude Code's main loop offers Bash; a request without it (a side request) gets "OK", as from the capture stub.</summary>
    private (JsonArray Content, string Stop) PlanAnthropic(JsonObject body)
    {
        var offersBash = (body["tools"] as JsonArray ?? []).OfType<JsonObject>().Any(t => (string?)t["name"] == "Bash");
        if (!offersBash)
        {
            return ([Text("OK")], "end_turn");
        }

        var messages = (body["messages"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var promptAt = messages.FindLastIndex(m => (string?)m["role"] == "user" && TypedText(WithoutReminders(m["content"])) is not null);
        var prompt = promptAt < 0 ? "" : TypedText(WithoutReminders(messages[promptAt]["content"]))!;
        var step = messages.Skip(promptAt + 1).Where(m => (string?)m["role"] == "user")
            .SelectMany(m => m["content"] as JsonArray ?? []).OfType<JsonObject>().Count(b => (string?)b["type"] == "tool_result");
        var steps = StubScript.Steps(prompt);
        if (step >= steps.Count)
        {
            return ([Text(StubScript.FinalText(prompt))], "end_turn");
        }

        var tool = steps[step];
        return ([Text(tool.Intro), new JsonObject { ["type"] = "tool_use", ["id"] = NextId("toolu"), ["name"] = tool.ClaudeTool, ["input"] = tool.ClaudeInput.DeepClone() }], "tool_use");
    }

    /// <summary>Claude Code puts &lt;system-reminder&gt; blocks in the user's turn; they are not typed text.</summary>
    private static JsonNode? WithoutReminders(JsonNode? content) => content is JsonArray blocks
        ? new JsonArray([.. blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "text" && !((string?)b["text"] ?? "").TrimStart().StartsWith("<system-reminder>", StringComparison.Ordinal)).Select(b => b.DeepClone())])
        : content?.DeepClone();

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject AnthropicError(string type, string message) =>
        new() { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
}
