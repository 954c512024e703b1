using System.Collections.Concurrent;
using AgentLedger.Server.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>A loopback HTTP receiver standing in for a webhook endpoint and a Slack incoming webhook: it records every POST.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Path, IHeaderDictionary Headers, byte[] Body)> Requests { get; } = new();

    /// <summary>How the receiver answers; 200 unless a test makes it fail.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var (app, address) = await StubHost.StartAsync(a => a.MapPost("/{name}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!.Requests.Enqueue((context.Request.Path, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body.ToArray()));
            context.Response.StatusCode = receiver.Status;
            await context.Response.WriteAsync("ok");
        }));
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    public List<(string Path, IHeaderDictionary Headers, byte[] Body)> At(string path) => Requests.Where(r => r.Path == path).ToList();

    public ValueTask DisposeAsync() => new(StubHost.StopAsync(_app));
}
