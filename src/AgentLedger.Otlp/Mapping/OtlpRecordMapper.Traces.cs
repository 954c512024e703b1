using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using AgentLedger.Otlp.Proto.Trace.V1;

namespace AgentLedger.Otlp.Mapping;

public sealed partial class OtlpRecordMapper
{
    public IReadOnlyList<ActivityRecord> MapTraces(ExportTraceServiceRequest request, OtlpIngestContext context)
    {
        var receivedAt = timeProvider.GetUtcNow();
        using var ids = new EventIdAssigner();
        var records = new List<ActivityRecord>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = new TelemetryResource(resourceSpans.Resource, resourceSpans.SchemaUrl);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = new TelemetryScope(scopeSpans.Scope, scopeSpans.SchemaUrl);
                var vocabulary = _vocabularies.For(resource, scope);
                foreach (var span in scopeSpans.Spans)
                {
                    var item = new TelemetryItem(OtlpSignal.Traces, resource, scope, new AttributeMap(span.Attributes), span.Name);
                    var occurredAt = UnixNanos.ToTime(span.StartTimeUnixNano) ?? UnixNanos.ToTime(span.EndTimeUnixNano) ?? receivedAt;
                    var draft = Draft(context, vocabulary, item, ids.Next(OtlpSignal.Traces, resource, scope, span, span.StartTimeUnixNano != 0 ? span.StartTimeUnixNano : span.EndTimeUnixNano), occurredAt, receivedAt) with
                    {
                        DurationMs = UnixNanos.DurationMs(span.StartTimeUnixNano, span.EndTimeUnixNano),
                        Status = StatusText(span.Status),
                        Error = span.Status?.Code == Status.Types.StatusCode.Error ? NonEmptyOr(span.Status.Message, "error") : null,
                    };
                    var record = vocabulary.MapSpan(item, span, draft);
                    records.Add(record with { Attributes = Attributes(item, "span", SpanFields(span)) });
                }
            }
        }

        return records;
    }

    private static string? StatusText(Status? status) => status?.Code switch
    {
        Status.Types.StatusCode.Ok => "ok",
        Status.Types.StatusCode.Error => "error",
        _ => null,
    };

    private static string NonEmptyOr(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static JsonObject SpanFields(Span span)
    {
        var events = new JsonArray();
        foreach (var e in span.Events)
        {
            events.Add(new JsonObject
            {
                ["time_unix_nano"] = UnixNanos.Text(e.TimeUnixNano),
                ["name"] = e.Name,
                ["attributes"] = AnyValueJson.Object(e.Attributes),
                ["dropped_attributes_count"] = e.DroppedAttributesCount,
            });
        }

        var links = new JsonArray();
        foreach (var link in span.Links)
        {
            links.Add(new JsonObject
            {
                ["trace_id"] = Convert.ToHexStringLower(link.TraceId.Span),
                ["span_id"] = Convert.ToHexStringLower(link.SpanId.Span),
                ["trace_state"] = link.TraceState,
                ["flags"] = link.Flags,
                ["attributes"] = AnyValueJson.Object(link.Attributes),
                ["dropped_attributes_count"] = link.DroppedAttributesCount,
            });
        }

        return new JsonObject
        {
            ["trace_id"] = Convert.ToHexStringLower(span.TraceId.Span),
            ["span_id"] = Convert.ToHexStringLower(span.SpanId.Span),
            ["parent_span_id"] = Convert.ToHexStringLower(span.ParentSpanId.Span),
            ["trace_state"] = span.TraceState,
            ["flags"] = span.Flags,
            ["name"] = span.Name,
            ["kind"] = (int)span.Kind,
            ["start_time_unix_nano"] = UnixNanos.Text(span.StartTimeUnixNano),
            ["end_time_unix_nano"] = UnixNanos.Text(span.EndTimeUnixNano),
            ["status"] = new JsonObject { ["code"] = (int)(span.Status?.Code ?? 0), ["message"] = span.Status?.Message ?? "" },
            ["events"] = events,
            ["links"] = links,
            ["dropped_attributes_count"] = span.DroppedAttributesCount,
            ["dropped_events_count"] = span.DroppedEventsCount,
            ["dropped_links_count"] = span.DroppedLinksCount,
        };
    }
}
