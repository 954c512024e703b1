using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Logs.V1;

namespace AgentLedger.Otlp.Mapping;

public sealed partial class OtlpRecordMapper
{
    public IReadOnlyList<ActivityRecord> MapLogs(ExportLogsServiceRequest request, OtlpIngestContext context)
    {
        var receivedAt = timeProvider.GetUtcNow();
        using var ids = new EventIdAssigner();
        var records = new List<ActivityRecord>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = new TelemetryResource(resourceLogs.Resource, resourceLogs.SchemaUrl);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = new TelemetryScope(scopeLogs.Scope, scopeLogs.SchemaUrl);
                var scopeVocabulary = _vocabularies.For(resource, scope);
                foreach (var log in scopeLogs.LogRecords)
                {
                    var attributes = new AttributeMap(log.Attributes);
                    var vocabulary = _vocabularies.For(scopeVocabulary, resource, scope, attributes.String("event.name"), log.Body?.StringValue);
                    var item = new TelemetryItem(OtlpSignal.Logs, resource, scope, attributes, vocabulary.LogEventName(log, attributes))
                    {
                        LinkedToSpan = !log.TraceId.IsEmpty,
                    };
                    var occurredAt = UnixNanos.ToTime(log.TimeUnixNano)
                                     ?? UnixNanos.ToTime(log.ObservedTimeUnixNano)
                                     ?? ParseTimestamp(attributes.String("event.timestamp"))
                                     ?? receivedAt;
                    var eventId = ids.Next(OtlpSignal.Logs, resource, scope, log, log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano);
                    var record = vocabulary.MapLog(item, Draft(context, vocabulary, item, eventId, occurredAt, receivedAt));
                    records.Add(record with { Attributes = Attributes(item, "log", LogFields(log)) });
                }
            }
        }

        return records;
    }

    private static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static JsonObject LogFields(LogRecord log)
    {
        var json = new JsonObject
        {
            ["time_unix_nano"] = UnixNanos.Text(log.TimeUnixNano),
            ["observed_time_unix_nano"] = UnixNanos.Text(log.ObservedTimeUnixNano),
            ["severity_number"] = (int)log.SeverityNumber,
            ["severity_text"] = log.SeverityText,
            ["body"] = AnyValueJson.ToJson(log.Body),
            ["event_name"] = log.EventName,
            ["flags"] = log.Flags,
            ["trace_id"] = Convert.ToHexStringLower(log.TraceId.Span),
            ["span_id"] = Convert.ToHexStringLower(log.SpanId.Span),
        };
        if (log.DroppedAttributesCount > 0)
        {
            json["dropped_attributes_count"] = log.DroppedAttributesCount;
        }

        return json;
    }
}
