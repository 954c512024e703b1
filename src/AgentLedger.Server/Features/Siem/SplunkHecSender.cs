using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Splunk HTTP Event Collector: <c>POST {url}/services/collector/event</c> with <c>Authorization: Splunk &lt;token&gt;</c>
/// and the chunk's envelopes concatenated (<see cref="SplunkHecFormatter"/>). Answers, as Splunk documents them: 200
/// with code 0 accepts; 400 with code 5, 6, 12 or 13 refuses the data, and <c>invalid-event-number</c> names the first
/// bad event (those before it were indexed); other codes (token, index, busy 9, internal 8) are retried. With indexer
/// acknowledgement the request carries <c>X-Splunk-Request-Channel</c> and the chunk counts as delivered only once
/// <c>/services/collector/ack</c> reports its <c>ackId</c> true.
/// </summary>
public sealed class SplunkHecSender(SiemDestination destination, HttpClient http, SplunkHecFormatter formatter, TimeProvider time) : ISiemSender
{
    private static readonly int[] DataErrorCodes = [5, 6, 12, 13];
    private readonly string _channel = Guid.NewGuid().ToString();
    private readonly Uri _eventUri = new(SiemHttp.AsBase(destination.Endpoint.Url!), "services/collector/event");
    private readonly Uri _ackUri = new(SiemHttp.AsBase(destination.Endpoint.Url!), "services/collector/ack");

    /// <summary>How long indexer acknowledgement is awaited before the chunk is sent again.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(60);

    public async Task<SiemSendResult> SendAsync(IReadOnlyList<SiemItem> items, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(items.Count * 1024);
        foreach (var item in items)
        {
            formatter.Append(body, item);
        }

        using var request = Request(_eventUri, body.WrittenMemory.ToArray());
        long? ackId = null;
        var result = await SiemHttp.SendAsync(http, request, async (response, ct) =>
        {
            var (code, text, invalidEvent, ack) = await ReadAnswerAsync(response, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == 200 && code is 0 or null)
            {
                ackId = ack;
                return SiemSendResult.Ok;
            }

            var error = $"HTTP {status} from Splunk HEC: code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {text}".TrimEnd();
            return status == 400 && code is { } c && DataErrorCodes.Contains(c)
                ? SiemSendResult.Rejected(error, invalidEvent is { } n && n >= 0 && n < items.Count ? n : null)
                : SiemSendResult.Transient(error, SiemHttp.RetryAfter(response));
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status != SiemSendStatus.Accepted || !destination.Endpoint.IndexerAck)
        {
            return result;
        }

        return ackId is { } id
            ? await AwaitAckAsync(id, cancellationToken).ConfigureAwait(false)
            : SiemSendResult.Transient("Splunk HEC returned no ackId; is indexer acknowledgement enabled on the token?");
    }

    private async Task<SiemSendResult> AwaitAckAsync(long ackId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + AckTimeout;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { acks = new[] { ackId } });
        while (time.GetUtcNow() < deadline)
        {
            using var request = Request(_ackUri, payload);
            var acked = false;
            var result = await SiemHttp.SendAsync(http, request, async (response, ct) =>
            {
                if (!response.IsSuccessStatusCode)
                {
                    return SiemSendResult.Transient($"HTTP {(int)response.StatusCode} from Splunk HEC ack");
                }

                var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                acked = json?["acks"]?[ackId.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<bool>() == true;
                return SiemSendResult.Ok;
            }, cancellationToken).ConfigureAwait(false);
            if (result.Status != SiemSendStatus.Accepted)
            {
                return result;
            }

            if (acked)
            {
                return SiemSendResult.Ok;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }

        return SiemSendResult.Transient($"Splunk HEC did not acknowledge ackId {ackId} within {AckTimeout.TotalSeconds:0} s");
    }

    private HttpRequestMessage Request(Uri uri, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Splunk", destination.Secrets.HecToken);
        if (destination.Endpoint.IndexerAck)
        {
            request.Headers.Add("X-Splunk-Request-Channel", _channel);
        }

        return request;
    }

    private static async Task<(int? Code, string? Text, int? InvalidEvent, long? AckId)> ReadAnswerAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
            return ((int?)json?["code"], Truncate((string?)json?["text"]), (int?)json?["invalid-event-number"], (long?)json?["ackId"]);
        }
        catch (JsonException)
        {
            return (null, null, null, null);
        }
        catch (InvalidOperationException)
        {
            return (null, null, null, null);
        }
        catch (FormatException)
        {
            return (null, null, null, null);
        }
    }

    /// <summary>A receiver's text is untrusted input: kept short before it reaches status and logs.</summary>
    private static string? Truncate(string? text) => text is { Length: > 200 } ? text[..200] : text;

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
