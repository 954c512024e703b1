using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// A webhook receiver that follows the documented contract (docs/siem.md): it verifies the
/// <see cref="WebhookSignature"/> headers (401 otherwise), takes an NDJSON batch whole with 200, answers 422 to a
/// batch holding a line it refuses (any line containing <see cref="PoisonMarker"/>), and 503 while <see cref="Busy"/>.
/// </summary>
public sealed class FakeWebhookReceiver(string secret, TimeProvider time) : LoopbackReceiver
{
    public const string PoisonMarker = "POISON-PILL";

    public ReceivedLog Received { get; } = new();

    private int _requests;
    private int _badSignatures;
    private int _inFlight;

    public int Requests => _requests;

    public int BadSignatures => _badSignatures;

    /// <summary>Batches being handled right now (between reading the body and answering).</summary>
    public int InFlight => _inFlight;

    public bool Busy { get; set; }

    /// <summary>Delay before answering each batch, to keep a batch in flight.</summary>
    public TimeSpan Latency { get; set; }

    public Uri Url => new(BaseAddress, "hooks/siem");

    protected override void Map(WebApplication app) => app.MapPost("/hooks/siem", HandleAsync);

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!WebhookSignature.Verify(Encoding.UTF8.GetBytes(secret), request.Headers[WebhookSignature.TimestampHeader].ToString(),
                request.Headers[WebhookSignature.SignatureHeader].ToString(), body, time.GetUtcNow(), TimeSpan.FromMinutes(5)))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.StatusCode(401);
        }

        if (Latency > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                // Not cancelled when the sender goes away: like a real receiver, it keeps what it already got.
                await Task.Delay(Latency, CancellationToken.None);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        if (Busy)
        {
            return Results.StatusCode(503);
        }

        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Any(l => l.Contains(PoisonMarker, StringComparison.Ordinal)))
        {
            return Results.StatusCode(422);
        }

        foreach (var line in lines)
        {
            Received.Add(SeqOf(JsonNode.Parse(line)!));
        }

        return Results.Ok();
    }

    /// <summary>The seq of a native line (<c>event_details.seq</c>, or <c>seq</c> of an AUDIT_LOG line) or of an OCSF event (<c>metadata.sequence</c>).</summary>
    public static long SeqOf(JsonNode line) =>
        (long)(line["event_details"]?["seq"] ?? line["metadata"]?["sequence"] ?? line["seq"])!;
}
