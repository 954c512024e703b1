using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>
/// A stub of the Anthropic Messages API on a loopback port, for driving the real Claude Code CLI offline. A
/// main-loop request (one offering the Bash tool) first gets text plus a Bash <c>echo hello</c> tool use, and
/// once a tool result is in the conversation a closing text; side requests get "OK". Replies stream with a
/// usage it records (Anthropic's: input without the 2,048 cache-read and 1,024 cache-write tokens). It also
/// serves as the proxy the CLI is pointed at, refusing everything, so that nothing leaves the machine.
/// </summary>
public sealed class StubAnthropicServer : IAsyncDisposable
{
    public const long CacheRead = 2048;
    public const long CacheWrite = 1024;

    private readonly WebApplication _app;

    private StubAnthropicServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request the stub received, in arrival order.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Every reply's usage as Anthropic reports it: (uncached input, output).</summary>
    public ConcurrentQueue<(long Input, long Output)> ReportedUsage { get; } = new();

    public static async Task<StubAnthropicServer> StartAsync()
    {
        StubAnthropicServer? stub = null;
        var (_, address) = await StubHost.StartAsync(web =>
        {
            stub = new StubAnthropicServer(web);
            web.MapPost("/v1/messages", stub.RespondAsync);
            web.MapPost("/v1/messages/count_tokens", () => Results.Json(new { input_tokens = 100 }));
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
        var tools = (body["tools"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (string?)t["name"]).ToList();
        var toolResults = (body["messages"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => (string?)m["role"] == "user")
            .SelectMany(m => m["content"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Count(b => (string?)b["type"] == "tool_result");

        var content = new JsonArray();
        string stop;
        if (!tools.Contains("Bash"))
        {
            content.Add(Text("OK"));
            stop = "end_turn";
        }
        else if (toolResults == 0)
        {
            content.Add(Text("I'll run that command."));
            content.Add(new JsonObject
            {
                ["type"] = "tool_use", ["id"] = "toolu_stub_" + Guid.NewGuid().ToString("N")[..16], ["name"] = "Bash",
                ["input"] = new JsonObject { ["command"] = "echo hello", ["description"] = "Print hello" },
            });
            stop = "tool_use";
        }
        else
        {
            content.Add(Text("The command printed `hello`."));
            stop = "end_turn";
        }

        var input = Math.Max(1, buffer.Length / 40);
        var output = Math.Max(1, content.ToJsonString().Length / 4);
        ReportedUsage.Enqueue((input, output));
        var model = (string?)body["model"] ?? "claude-stub";
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["request-id"] = "req_stub_" + Guid.NewGuid().ToString("N")[..20];
        await StubHost.SendEventAsync(context, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = "msg_stub_" + Guid.NewGuid().ToString("N")[..20], ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new JsonArray(), ["stop_reason"] = null, ["stop_sequence"] = null,
                ["usage"] = new JsonObject
                {
                    ["input_tokens"] = input, ["cache_creation_input_tokens"] = CacheWrite, ["cache_read_input_tokens"] = CacheRead, ["output_tokens"] = 1,
                },
            },
        });
        for (var i = 0; i < content.Count; i++)
        {
            var block = content[i]!.AsObject();
            if ((string?)block["type"] == "text")
            {
                await StubHost.SendEventAsync(context, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = i, ["content_block"] = Text("") });
                await StubHost.SendEventAsync(context, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = i, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = (string?)block["text"] },
                });
            }
            else
            {
                await StubHost.SendEventAsync(context, "content_block_start", new JsonObject
                {
                    ["type"] = "content_block_start", ["index"] = i,
                    ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.DeepClone(), ["name"] = "Bash", ["input"] = new JsonObject() },
                });
                await StubHost.SendEventAsync(context, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = i,
                    ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = block["input"]!.ToJsonString() },
                });
            }

            await StubHost.SendEventAsync(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = i });
        }

        await StubHost.SendEventAsync(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta", ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = output },
        });
        await StubHost.SendEventAsync(context, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };
}
