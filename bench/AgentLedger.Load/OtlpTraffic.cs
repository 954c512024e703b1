using System.Text.Json.Nodes;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Common.V1;
using AgentLedger.Otlp.Proto.Logs.V1;
using AgentLedger.Otlp.Proto.Metrics.V1;
using AgentLedger.Otlp.Proto.Resource.V1;
using Google.Protobuf;

namespace AgentLedger.Load;

/// <summary>
/// OTLP export requests as a fleet sends them: each request is one agent process (a capture's resource and scope)
/// of one virtual user, carrying <c>batch</c> items copied from that capture. Identity, session and turn attributes
/// are rewritten to the virtual user's, and every item gets its own timestamp, so that no two records of a run are
/// byte-identical (OTLP event ids hash the item bytes; identical items would be stored once, as retries).
/// </summary>
internal sealed class OtlpTraffic(IReadOnlyList<LogTemplate> logs, IReadOnlyList<MetricTemplate> metrics, VirtualFleet fleet)
{
    private static readonly JsonFormatter OtlpJson = new(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(true));

    // Unique nanosecond stamps across the whole run (and across runs), that follow the wall clock as an agent's do: the
    // item's time is part of its event id, and ids of items emitted over a run sort by it (OtlpEventIds).
    private long _clock;

    private ulong NextStamp()
    {
        var now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        while (true)
        {
            var last = Interlocked.Read(ref _clock);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _clock, next, last) == last)
            {
                return (ulong)next;
            }
        }
    }

    public ExportLogsServiceRequest Logs(Random random, int batch)
    {
        var template = logs[random.Next(logs.Count)];
        var user = fleet.Pick(random);
        var scopeLogs = new ScopeLogs { Scope = template.Scope };
        for (var i = 0; i < batch; i++)
        {
            var record = template.Records[(i + random.Next(template.Records.Count)) % template.Records.Count].Clone();
            var at = NextStamp();
            record.TimeUnixNano = at;
            record.ObservedTimeUnixNano = at + 1_000;
            Rewrite(record.Attributes, user, at);
            scopeLogs.LogRecords.Add(record);
        }

        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { Resource = Rewrite(template.Resource, user), ScopeLogs = { scopeLogs } });
        return request;
    }

    /// <summary>Metric requests carry <c>batch</c> data points in total (each point becomes one record).</summary>
    public ExportMetricsServiceRequest Metrics(Random random, int batch)
    {
        var template = metrics[random.Next(metrics.Count)];
        var user = fleet.Pick(random);
        var scopeMetrics = new ScopeMetrics { Scope = template.Scope };
        var points = 0;
        for (var i = 0; points < batch; i++)
        {
            var metric = template.Metrics[(i + random.Next(template.Metrics.Count)) % template.Metrics.Count].Clone();
            points += StampPoints(metric, user, batch - points);
            scopeMetrics.Metrics.Add(metric);
        }

        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(new ResourceMetrics { Resource = Rewrite(template.Resource, user), ScopeMetrics = { scopeMetrics } });
        return request;
    }

    /// <summary>
    /// OTLP/JSON as the spec defines it (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): the
    /// protobuf JSON mapping with enums as integers, but trace and span ids as hex rather than base64.
    /// </summary>
    public static byte[] ToOtlpJson(IMessage request)
    {
        var json = JsonNode.Parse(OtlpJson.Format(request))!;
        HexIds(json);
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static void HexIds(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key is "traceId" or "spanId" or "parentSpanId" && value is JsonValue v && v.TryGetValue<string>(out var b64))
                    {
                        obj[key] = Convert.ToHexStringLower(Convert.FromBase64String(b64));
                    }
                    else if (value is not null)
                    {
                        HexIds(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        HexIds(item);
                    }
                }

                break;
        }
    }

    private int StampPoints(Metric metric, VirtualUser user, int room)
    {
        int Stamp<TPoint>(Google.Protobuf.Collections.RepeatedField<TPoint> points, Func<TPoint, Google.Protobuf.Collections.RepeatedField<KeyValue>> attributes, Action<TPoint, ulong> time)
        {
            while (points.Count > Math.Max(1, room))
            {
                points.RemoveAt(points.Count - 1);
            }

            foreach (var point in points)
            {
                var at = NextStamp();
                time(point, at);
                Rewrite(attributes(point), user, at);
            }

            return points.Count;
        }

        return metric.DataCase switch
        {
            Metric.DataOneofCase.Sum => Stamp(metric.Sum.DataPoints, p => p.Attributes, (p, t) => p.TimeUnixNano = t),
            Metric.DataOneofCase.Gauge => Stamp(metric.Gauge.DataPoints, p => p.Attributes, (p, t) => p.TimeUnixNano = t),
            Metric.DataOneofCase.Histogram => Stamp(metric.Histogram.DataPoints, p => p.Attributes, (p, t) => p.TimeUnixNano = t),
            Metric.DataOneofCase.ExponentialHistogram => Stamp(metric.ExponentialHistogram.DataPoints, p => p.Attributes, (p, t) => p.TimeUnixNano = t),
            Metric.DataOneofCase.Summary => Stamp(metric.Summary.DataPoints, p => p.Attributes, (p, t) => p.TimeUnixNano = t),
            _ => 0,
        };
    }

    private static Resource Rewrite(Resource template, VirtualUser user)
    {
        var resource = template.Clone();
        Rewrite(resource.Attributes, user, 0);
        return resource;
    }

    /// <summary>Replaces who/where attributes with the virtual user's; <c>event.timestamp</c> follows the item's time.</summary>
    private static void Rewrite(Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, VirtualUser user, ulong at)
    {
        foreach (var kv in attributes)
        {
            var replacement = kv.Key switch
            {
                "user.email" or "enduser.email" => user.Email,
                "user.account_uuid" or "user.account_id" or "enduser.id" or "user.id" or "installation.id" => user.AccountId,
                "user.name" => user.Login,
                "session.id" or "conversation.id" or "gen_ai.conversation.id" => user.SessionId,
                "prompt.id" or "prompt_id" => user.TurnId,
                "event.timestamp" when at > 0 => DateTimeOffset.FromUnixTimeMilliseconds((long)(at / 1_000_000)).ToString("O"),
                _ => null,
            };
            if (replacement is not null)
            {
                kv.Value = new AnyValue { StringValue = replacement };
            }
        }
    }
}
