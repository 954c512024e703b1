using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AgentLedger.GatewayBench;

/// <summary>
/// An OpenAI Responses API stub with no think time: the stream is the Codex stub's event sequence (created, item
/// added, 12 text deltas, item done, completed with usage), each event flushed; the JSON answer is the same response.
/// </summary>
internal sealed class StubUpstream : IAsyncDisposable
{
    private static readonly string[] Words = ["Done. ", "The ", "command ", "printed: ", "hello. ", "Anything ", "else ", "I ", "should ", "run ", "for ", "you?"];
    private readonly WebApplication _app;

    private StubUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<StubUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/responses", RespondAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new StubUpstream(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task RespondAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var text = string.Concat(Words);
        var message = new JsonObject
        {
            ["type"] = "message", ["role"] = "assistant", ["id"] = "msg_1",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text }),
        };
        var response = new JsonObject
        {
            ["id"] = "resp_1", ["object"] = "response", ["status"] = "completed", ["model"] = "bench-model",
            ["output"] = new JsonArray(message.DeepClone()),
            ["usage"] = new JsonObject { ["input_tokens"] = 9000, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 4500 }, ["output_tokens"] = 12, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 } },
        };
        if (body?["stream"]?.GetValue<bool>() != true)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await SendAsync(context, "response.created", new JsonObject { ["type"] = "response.created", ["response"] = new JsonObject { ["id"] = "resp_1", ["model"] = "bench-model" } });
        await SendAsync(context, "response.output_item.added", new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = new JsonObject { ["type"] = "message", ["role"] = "assistant", ["id"] = "msg_1", ["content"] = new JsonArray() } });
        foreach (var word in Words)
        {
            await SendAsync(context, "response.output_text.delta", new JsonObject { ["type"] = "response.output_text.delta", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = word });
        }

        await SendAsync(context, "response.output_item.done", new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = message });
        await SendAsync(context, "response.completed", new JsonObject { ["type"] = "response.completed", ["response"] = response });
    }

    private static async Task SendAsync(HttpContext context, string name, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }
}
