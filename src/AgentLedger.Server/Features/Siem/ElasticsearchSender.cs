using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Elasticsearch <c>POST {url}/{data_stream}/_bulk</c> of <c>create</c> actions whose <c>_id</c> is the record id, so
/// a chunk sent again is answered 409 for what is already there (counted as delivered: exactly once in the index).
/// Per item: 201 or 409 accepted; 429 and 5xx retry the chunk; any other 4xx (a mapping error) sets the item aside.
/// </summary>
public sealed class ElasticsearchSender(SiemDestination destination, HttpClient http, SiemEventWriter events) : ISiemSender
{
    private readonly Uri _bulkUri = new(SiemHttp.AsBase(destination.Endpoint.Url!), Uri.EscapeDataString(destination.Endpoint.DataStream!) + "/_bulk");

    public async Task<SiemSendResult> SendAsync(IReadOnlyList<SiemItem> items, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(items.Count * 1024);
        foreach (var item in items)
        {
            using (var w = new Utf8JsonWriter(body, ComplianceJson.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteStartObject("create");
                w.WriteString("_id", item.Id);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            body.Write("\n"u8);
            body.Write(events.ToUtf8(item));
            body.Write("\n"u8);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _bulkUri) { Content = new ByteArrayContent(body.WrittenMemory.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        if (destination.Secrets.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        }

        return await SiemHttp.SendAsync(http, request, (response, ct) => ClassifyAsync(response, items.Count, ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SiemSendResult> ClassifyAsync(HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            return status is 400 or 413 && count == 1
                ? SiemSendResult.Rejected($"HTTP {status} from Elasticsearch _bulk")
                : SiemSendResult.Transient($"HTTP {status} from Elasticsearch _bulk", SiemHttp.RetryAfter(response));
        }

        JsonArray? results;
        try
        {
            results = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))?["items"] as JsonArray;
        }
        catch (JsonException)
        {
            return SiemSendResult.Transient("Elasticsearch _bulk answered 200 without a readable body");
        }

        if (results is null || results.Count != count)
        {
            return SiemSendResult.Transient("Elasticsearch _bulk answered without one result per action");
        }

        var rejected = new List<(int, string)>();
        for (var i = 0; i < count; i++)
        {
            var item = results[i]?["create"];
            var itemStatus = (int?)item?["status"] ?? 0;
            if (itemStatus is 201 or 200 or 409)
            {
                continue;
            }

            if (itemStatus is 429 or >= 500 or 0)
            {
                return SiemSendResult.Transient($"Elasticsearch refused an item for now: HTTP {itemStatus}");
            }

            var type = (string?)item?["error"]?["type"] ?? "error";
            rejected.Add((i, $"HTTP {itemStatus} from Elasticsearch: {(type.Length > 100 ? type[..100] : type)}"));
        }

        return SiemSendResult.Ok with { RejectedItems = rejected };
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
