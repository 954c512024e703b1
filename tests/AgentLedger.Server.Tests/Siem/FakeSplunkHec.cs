using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// Splunk HTTP Event Collector as Splunk documents it (../shared/reference/compliance-siem.md §1b):
/// <c>POST /services/collector/event</c> with <c>Authorization: Splunk &lt;token&gt;</c> (401 code 2 without, 403 code 4
/// for a wrong one); a body of concatenated envelopes, each needing a non-blank <c>event</c> (400 code 12/13) and an
/// allowed <c>index</c> (400 code 7); an invalid event stops the batch with 400 code 6 and
/// <c>invalid-event-number</c>, the events before it being indexed; 503 code 9 while <see cref="Busy"/>. With
/// <c>X-Splunk-Request-Channel</c> the answer carries an <c>ackId</c> that <c>/services/collector/ack</c> reports.
/// An event whose text contains <see cref="FakeWebhookReceiver.PoisonMarker"/> is the invalid one here.
/// </summary>
public sealed class FakeSplunkHec(string token, string allowedIndex) : LoopbackReceiver
{
    private long _nextAck;
    private readonly HashSet<long> _acked = [];

    public ReceivedLog Received { get; } = new();

    public List<JsonObject> Envelopes { get; } = [];

    public bool Busy { get; set; }

    private int _requests;

    public int Requests => _requests;

    protected override void Map(WebApplication app)
    {
        app.MapPost("/services/collector/event", EventAsync);
        app.MapPost("/services/collector/ack", AckAsync);
    }

    private async Task<IResult> EventAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        var auth = request.Headers.Authorization.ToString();
        if (auth.Length == 0)
        {
            return Answer(401, 2, "Token is required");
        }

        if (auth != "Splunk " + token)
        {
            return Answer(403, 4, "Invalid token");
        }

        if (Busy)
        {
            return Answer(503, 9, "Server is busy");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var envelopes = Parse(buffer.ToArray());
        if (envelopes is null)
        {
            return Answer(400, 6, "Invalid data format");
        }

        if (envelopes.Count == 0)
        {
            return Answer(400, 5, "No data");
        }

        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            var error = envelope["event"] switch
            {
                null => (12, "Event field is required"),
                JsonValue v when v.ToString().Trim().Length == 0 => (13, "Event field cannot be blank"),
                _ when (string?)envelope["index"] is { } index && index != allowedIndex => (7, "Incorrect index"),
                var e when e.ToJsonString().Contains(FakeWebhookReceiver.PoisonMarker, StringComparison.Ordinal) => (6, "Invalid data format"),
                _ => (0, null),
            };
            if (error.Item1 != 0)
            {
                return Results.Json(new JsonObject { ["text"] = error.Item2, ["code"] = error.Item1, ["invalid-event-number"] = i }, statusCode: 400);
            }

            lock (Envelopes)
            {
                Envelopes.Add(envelope);
            }

            Received.Add(FakeWebhookReceiver.SeqOf(envelope["event"]!));
        }

        var body = new JsonObject { ["text"] = "Success", ["code"] = 0 };
        if (request.Headers.ContainsKey("X-Splunk-Request-Channel"))
        {
            var ack = Interlocked.Increment(ref _nextAck);
            lock (_acked)
            {
                _acked.Add(ack);
            }

            body["ackId"] = ack;
        }

        return Results.Json(body);
    }

    private async Task<IResult> AckAsync(HttpRequest request)
    {
        if (!request.Headers.ContainsKey("X-Splunk-Request-Channel"))
        {
            return Answer(400, 10, "Data channel is missing");
        }

        var json = await JsonNode.ParseAsync(request.Body);
        var acks = new JsonObject();
        foreach (var id in json!["acks"]!.AsArray())
        {
            lock (_acked)
            {
                acks[((long)id!).ToString(System.Globalization.CultureInfo.InvariantCulture)] = _acked.Contains((long)id!);
            }
        }

        return Results.Json(new JsonObject { ["acks"] = acks });
    }

    /// <summary>Concatenated JSON objects, as HEC reads a batch; null when the body is not that.</summary>
    private static List<JsonObject>? Parse(byte[] body)
    {
        var list = new List<JsonObject>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                if (JsonNode.Parse(ref reader) is not JsonObject envelope)
                {
                    return null;
                }

                list.Add(envelope);
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return list;
    }

    private static IResult Answer(int status, int code, string text) =>
        Results.Json(new JsonObject { ["text"] = text, ["code"] = code }, statusCode: status);
}
