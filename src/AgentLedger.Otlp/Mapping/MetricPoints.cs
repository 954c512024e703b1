using System.Text.Json.Nodes;
using AgentLedger.Otlp.Proto.Common.V1;
using AgentLedger.Otlp.Proto.Metrics.V1;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace AgentLedger.Otlp.Mapping;

/// <summary>One data point of any metric type, with its OTLP fields as JSON for the stored attributes.</summary>
internal sealed record MetricPoint(IMessage Message, RepeatedField<KeyValue> Attributes, ulong StartTimeUnixNano, ulong TimeUnixNano, JsonObject Fields);

/// <summary>The data points of a metric, whatever its type; a metric without points yields one empty point, so it is not lost.</summary>
internal static class MetricPoints
{
    public static IEnumerable<MetricPoint> Of(Metric metric)
    {
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                return metric.Gauge.DataPoints.Select(Number);
            case Metric.DataOneofCase.Sum:
                return metric.Sum.DataPoints.Select(Number);
            case Metric.DataOneofCase.Histogram:
                return metric.Histogram.DataPoints.Select(Histogram);
            case Metric.DataOneofCase.ExponentialHistogram:
                return metric.ExponentialHistogram.DataPoints.Select(Exponential);
            case Metric.DataOneofCase.Summary:
                return metric.Summary.DataPoints.Select(Summary);
            default:
                return [new MetricPoint(metric, new RepeatedField<KeyValue>(), 0, 0, [])];
        }
    }

    private static MetricPoint Number(NumberDataPoint p)
    {
        var fields = Times(p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
        fields["value"] = p.ValueCase switch
        {
            NumberDataPoint.ValueOneofCase.AsInt => JsonValue.Create(p.AsInt),
            NumberDataPoint.ValueOneofCase.AsDouble => AnyValueJson.Double(p.AsDouble),
            _ => null,
        };
        AddExemplars(fields, p.Exemplars);
        return new MetricPoint(p, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, fields);
    }

    private static MetricPoint Histogram(HistogramDataPoint p)
    {
        var fields = Times(p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
        fields["count"] = p.Count;
        AddOptional(fields, "sum", p.HasSum, p.Sum);
        AddOptional(fields, "min", p.HasMin, p.Min);
        AddOptional(fields, "max", p.HasMax, p.Max);
        fields["bucket_counts"] = new JsonArray([.. p.BucketCounts.Select(c => (JsonNode)JsonValue.Create(c))]);
        fields["explicit_bounds"] = new JsonArray([.. p.ExplicitBounds.Select(AnyValueJson.Double)]);
        AddExemplars(fields, p.Exemplars);
        return new MetricPoint(p, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, fields);
    }

    private static MetricPoint Exponential(ExponentialHistogramDataPoint p)
    {
        var fields = Times(p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
        fields["count"] = p.Count;
        AddOptional(fields, "sum", p.HasSum, p.Sum);
        AddOptional(fields, "min", p.HasMin, p.Min);
        AddOptional(fields, "max", p.HasMax, p.Max);
        fields["scale"] = p.Scale;
        fields["zero_count"] = p.ZeroCount;
        fields["zero_threshold"] = AnyValueJson.Double(p.ZeroThreshold);
        fields["positive"] = Buckets(p.Positive);
        fields["negative"] = Buckets(p.Negative);
        AddExemplars(fields, p.Exemplars);
        return new MetricPoint(p, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, fields);
    }

    private static MetricPoint Summary(SummaryDataPoint p)
    {
        var fields = Times(p.StartTimeUnixNano, p.TimeUnixNano, p.Flags);
        fields["count"] = p.Count;
        fields["sum"] = AnyValueJson.Double(p.Sum);
        fields["quantile_values"] = new JsonArray([.. p.QuantileValues.Select(q => (JsonNode)new JsonObject
        {
            ["quantile"] = AnyValueJson.Double(q.Quantile),
            ["value"] = AnyValueJson.Double(q.Value),
        })]);
        return new MetricPoint(p, p.Attributes, p.StartTimeUnixNano, p.TimeUnixNano, fields);
    }

    private static JsonObject Times(ulong start, ulong time, uint flags)
    {
        var fields = new JsonObject
        {
            ["start_time_unix_nano"] = UnixNanos.Text(start),
            ["time_unix_nano"] = UnixNanos.Text(time),
        };
        if (flags != 0)
        {
            fields["flags"] = flags;
        }

        return fields;
    }

    private static void AddOptional(JsonObject fields, string name, bool present, double value)
    {
        if (present)
        {
            fields[name] = AnyValueJson.Double(value);
        }
    }

    private static JsonObject? Buckets(ExponentialHistogramDataPoint.Types.Buckets? buckets) => buckets is null
        ? null
        : new JsonObject
        {
            ["offset"] = buckets.Offset,
            ["bucket_counts"] = new JsonArray([.. buckets.BucketCounts.Select(c => (JsonNode)JsonValue.Create(c))]),
        };

    private static void AddExemplars(JsonObject fields, RepeatedField<Exemplar> exemplars)
    {
        if (exemplars.Count == 0)
        {
            return;
        }

        fields["exemplars"] = new JsonArray([.. exemplars.Select(e => (JsonNode)new JsonObject
        {
            ["time_unix_nano"] = UnixNanos.Text(e.TimeUnixNano),
            ["value"] = e.ValueCase == Exemplar.ValueOneofCase.AsInt ? JsonValue.Create(e.AsInt) : AnyValueJson.Double(e.AsDouble),
            ["trace_id"] = Convert.ToHexStringLower(e.TraceId.Span),
            ["span_id"] = Convert.ToHexStringLower(e.SpanId.Span),
            ["filtered_attributes"] = AnyValueJson.Object(e.FilteredAttributes),
        })]);
    }
}
