using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Bench;

/// <summary>
/// A loopback model provider with no think time, for the gateway benches: the OpenAI Responses API
/// (<c>POST /v1/responses</c>, so the gateway's OpenAI base URL is <c>{address}/v1</c>) and the Anthropic Messages API
/// (<c>POST /v1/messages</c>, base URL <c>{address}</c>), each streamed (SSE, every event flushed as the real APIs
/// stream them) or as one JSON body. Without <see cref="StubUpstreamOptions.AgentLoop"/> every answer is the same
/// 12-word text (the gateway overhead bench); with it, answers follow <see cref="StubScript"/>: tool calls first, as
/// the real agents' stubs in the captures do, then a closing text. Deterministic: the answer depends only on the
/// request. Anything else is refused with 404 in the provider's error shape.
/// </summary>
public sealed partial class StubUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StubUpstreamOptions _options;
    private long _openAiRequests;
    private long _anthropicRequests;
    private long _ids;

    private StubUpstream(WebApplication app, StubUpstreamOptions options)
    {
        _app = app;
        _options = options;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The base URL to configure as the gateway's <c>openai</c> upstream.</summary>
    public string OpenAiBaseUrl => Address.GetLeftPart(UriPartial.Authority) + "/v1";

    /// <summary>The base URL to configure as the gateway's <c>anthropic</c> upstream.</summary>
    public string AnthropicBaseUrl => Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Responses requests answered (with any status).</summary>
    public long OpenAiRequests => Interlocked.Read(ref _openAiRequests);

    /// <summary>Messages requests answered (with any status).</summary>
    public long AnthropicRequests => Interlocked.Read(ref _anthropicRequests);

    public static async Task<StubUpstream> StartAsync(StubUpstreamOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubUpstream(app, options ?? new StubUpstreamOptions());
        app.MapPost("/v1/responses", stub.RespondOpenAiAsync);
        app.MapPost("/v1/messages", stub.RespondAnthropicAsync);
        app.MapFallback(context => JsonAsync(context, StatusCodes.Status404NotFound,
            new JsonObject { ["error"] = new JsonObject { ["type"] = "not_found_error", ["message"] = "stub: no such path" } }));
        await app.StartAsync();
        stub.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string NextId(string prefix) => $"{prefix}_stub_{Interlocked.Increment(ref _ids):D8}";

    private static async Task SendAsync(HttpContext context, string name, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private static async Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The words of a text as stream deltas (each with its trailing space), as the models stream them.</summary>
    private static IEnumerable<string> Deltas(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
