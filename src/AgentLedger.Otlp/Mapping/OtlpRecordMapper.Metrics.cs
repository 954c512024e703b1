using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Metrics.V1;

namespace AgentLedger.Otlp.Mapping;

public sealed partial class OtlpRecordMapper
{
    public IReadOnlyList<ActivityRecord> MapMetrics(ExportMetricsServiceRequest request, OtlpIngestContext context)
    {
        var receivedAt = timeProvider.GetUtcNow();
        using var ids = new EventIdAssigner();
        var records = new List<ActivityRecord>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = new TelemetryResource(resourceMetrics.Resource, resourceMetrics.SchemaUrl);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = new TelemetryScope(scopeMetrics.Scope, scopeMetrics.SchemaUrl);
                var vocabulary = _vocabularies.For(resource, scope);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    var header = MetricHeader(metric);
                    var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
                    foreach (var point in MetricPoints.Of(metric))
                    {
                        var item = new TelemetryItem(OtlpSignal.Metrics, resource, scope, new AttributeMap(point.Attributes), metric.Name);
                        var occurredAt = UnixNanos.ToTime(point.TimeUnixNano) ?? UnixNanos.ToTime(point.StartTimeUnixNano) ?? receivedAt;
                        var eventId = ids.Next(OtlpSignal.Metrics, resource, scope, point.Message, point.TimeUnixNano != 0 ? point.TimeUnixNano : point.StartTimeUnixNano, headerBytes);
                        var record = vocabulary.MapMetricPoint(item, Draft(context, vocabulary, item, eventId, occurredAt, receivedAt));
                        var fields = (JsonObject)header.DeepClone();
                        fields["point"] = point.Fields;
                        records.Add(record with { Attributes = Attributes(item, "metric", fields) });
                    }
                }
            }
        }

        return records;
    }

    private static JsonObject MetricHeader(Metric metric)
    {
        var json = new JsonObject
        {
            ["name"] = metric.Name,
            ["description"] = metric.Description,
            ["unit"] = metric.Unit,
            ["type"] = metric.DataCase switch
            {
                Metric.DataOneofCase.Gauge => "gauge",
                Metric.DataOneofCase.Sum => "sum",
                Metric.DataOneofCase.Histogram => "histogram",
                Metric.DataOneofCase.ExponentialHistogram => "exponential_histogram",
                Metric.DataOneofCase.Summary => "summary",
                _ => "none",
            },
        };
        var temporality = metric.DataCase switch
        {
            Metric.DataOneofCase.Sum => metric.Sum.AggregationTemporality,
            Metric.DataOneofCase.Histogram => metric.Histogram.AggregationTemporality,
            Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.AggregationTemporality,
            _ => AggregationTemporality.Unspecified,
        };
        if (temporality != AggregationTemporality.Unspecified)
        {
            json["temporality"] = temporality == AggregationTemporality.Delta ? "delta" : temporality == AggregationTemporality.Cumulative ? "cumulative" : ((int)temporality).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (metric.DataCase == Metric.DataOneofCase.Sum)
        {
            json["monotonic"] = metric.Sum.IsMonotonic;
        }

        if (metric.Metadata.Count > 0)
        {
            json["metadata"] = AnyValueJson.Object(metric.Metadata);
        }

        return json;
    }
}
