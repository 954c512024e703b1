using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>
/// A stub of the OpenAI Responses API on a loopback port, for driving the real Codex CLI offline. The first call
/// of a turn asks for <c>echo hello</c> through the shell tool the client offers; once the tool output comes
/// back, it answers with text. Every reply streams <c>response.completed</c> with a usage it records, so a test
/// can compare what AgentLedger stored with what the "model" reported. It also serves as the HTTP(S) proxy the
/// CLI is pointed at, refusing every proxied request, so that nothing leaves the machine.
/// </summary>
public sealed partial class StubResponsesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private StubResponsesServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request the stub received, in arrival order.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>The usage of every reply, as (input including cached, cached, output).</summary>
    public ConcurrentQueue<(long Input, long Cached, long Output)> ReportedUsage { get; } = new();

    public static async Task<StubResponsesServer> StartAsync()
    {
        StubResponsesServer? stub = null;
        var (_, address) = await StubHost.StartAsync(web =>
        {
            stub = new StubResponsesServer(web);
            web.MapPost("/v1/responses", stub.RespondAsync);
            web.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = Array.Empty<object>() }));
        });
        stub!.BaseAddress = address;
        return stub;
    }

    public ValueTask DisposeAsync() => new(StubHost.StopAsync(_app));

    private async Task RespondAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        Requests.Enqueue(StubRequest.From(context, buffer.ToArray()));
        var body = JsonNode.Parse(buffer.ToArray())!.AsObject();
        var n = Interlocked.Increment(ref _calls);
        var input = body["input"] as JsonArray ?? [];
        var toolOutput = input.OfType<JsonObject>().FirstOrDefault(i => (string?)i["type"] is "function_call_output" or "custom_tool_call_output");
        var tools = (body["tools"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (string?)t["name"]).ToList();

        JsonObject item;
        long outputTokens;
        if (toolOutput is null && tools.Contains("exec_command"))
        {
            item = new JsonObject
            {
                ["type"] = "function_call", ["id"] = $"fc_stub_{n:D4}", ["call_id"] = $"call_stub_{n:D4}", ["name"] = "exec_command",
                ["arguments"] = JsonSerializer.Serialize(new { cmd = "echo hello", yield_time_ms = 2000 }),
            };
            outputTokens = 12;
        }
        else
        {
            var printed = toolOutput?["output"]?.ToString() ?? "";
            printed = printed.Contains("Output:", StringComparison.Ordinal) ? printed[(printed.IndexOf("Output:", StringComparison.Ordinal) + 7)..].Trim() : printed.Trim();
            var text = toolOutput is null ? "No shell tool offered." : $"Done. The command printed: {printed}";
            item = new JsonObject
            {
                ["type"] = "message", ["role"] = "assistant", ["id"] = $"msg_stub_{n:D4}",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
            };
            outputTokens = Words().Count(text);
        }

        var inputTokens = Math.Max(1, buffer.Length / 4);
        var cached = inputTokens / 2;
        ReportedUsage.Enqueue((inputTokens, cached, outputTokens));
        var id = $"resp_stub_{n:D4}";
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await StubHost.SendEventAsync(context, "response.created", new JsonObject
        {
            ["type"] = "response.created", ["response"] = new JsonObject { ["id"] = id, ["object"] = "response", ["status"] = "in_progress", ["model"] = body["model"]?.DeepClone() },
        });
        await StubHost.SendEventAsync(context, "response.output_item.added", new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = item.DeepClone() });
        await StubHost.SendEventAsync(context, "response.output_item.done", new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = item.DeepClone() });
        await StubHost.SendEventAsync(context, "response.completed", new JsonObject
        {
            ["type"] = "response.completed",
            ["response"] = new JsonObject
            {
                ["id"] = id, ["object"] = "response", ["status"] = "completed", ["model"] = body["model"]?.DeepClone(),
                ["output"] = new JsonArray(item.DeepClone()),
                ["usage"] = new JsonObject
                {
                    ["input_tokens"] = inputTokens, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
                    ["output_tokens"] = outputTokens, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                    ["total_tokens"] = inputTokens + outputTokens,
                },
            },
        });
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex Words();
}
