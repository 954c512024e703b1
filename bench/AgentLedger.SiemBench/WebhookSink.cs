using System.Net;
using System.Text;
using AgentLedger.Core.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentLedger.SiemBench;

/// <summary>A loopback webhook receiver that verifies each batch's signature and counts its lines, as a real one would.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly byte[] _secret;
    private WebApplication? _app;
    private long _lines;

    public WebhookSink(string secret) => _secret = Encoding.UTF8.GetBytes(secret);

    public long Lines => Interlocked.Read(ref _lines);

    public Uri Url { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (!WebhookSignature.Verify(_secret, request.Headers[WebhookSignature.TimestampHeader].ToString(),
                    request.Headers[WebhookSignature.SignatureHeader].ToString(), body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
            {
                return Results.StatusCode(401);
            }

            Interlocked.Add(ref _lines, body.Count((byte)'\n'));
            return Results.Ok();
        });
        await _app.StartAsync();
        Url = new Uri(_app.Urls.First() + "/hook");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
