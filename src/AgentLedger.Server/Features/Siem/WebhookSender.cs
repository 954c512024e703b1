using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AgentLedger.Core.Delivery;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// POSTs a chunk as NDJSON (one event per line, in seq order) signed with <see cref="WebhookSignature"/>, plus
/// <c>X-AgentLedger-Destination</c> and <c>X-AgentLedger-Seq-Range: first-last</c> for receivers that deduplicate.
/// The receiver's contract (docs/siem.md): 2xx accepts the whole batch; 400, 413 and 422 refuse its content for good;
/// anything else (408, 429, 5xx, 401/403/404, redirects, no answer) is retried, honouring <c>Retry-After</c>.
/// </summary>
public sealed class WebhookSender(SiemDestination destination, HttpClient http, SiemEventWriter events, TimeProvider time) : ISiemSender
{
    public const string DestinationHeader = "X-AgentLedger-Destination";
    public const string SeqRangeHeader = "X-AgentLedger-Seq-Range";

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(destination.Secrets.WebhookSecret ?? "");

    public async Task<SiemSendResult> SendAsync(IReadOnlyList<SiemItem> items, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(items.Count * 1024);
        foreach (var item in items)
        {
            body.Write(events.ToUtf8(item));
            body.Write("\n"u8);
        }

        var bytes = body.WrittenMemory.ToArray();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.Endpoint.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_secret, timestamp, bytes));
        request.Headers.Add(DestinationHeader, destination.Id);
        request.Headers.Add(SeqRangeHeader, $"{items[0].Seq}-{items[^1].Seq}");
        return await SiemHttp.SendAsync(http, request, Classify, cancellationToken).ConfigureAwait(false);
    }

    private static Task<SiemSendResult> Classify(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        return Task.FromResult(code switch
        {
            >= 200 and < 300 => SiemSendResult.Ok,
            400 or 413 or 422 => SiemSendResult.Rejected($"HTTP {code} from the webhook receiver"),
            _ => SiemSendResult.Transient($"HTTP {code} from the webhook receiver", SiemHttp.RetryAfter(response)),
        });
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
