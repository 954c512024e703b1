using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Mapping.Vocabularies;

namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// Turns decoded OTLP requests into canonical activity records: one per log record, per metric data point
/// and per span, never dropping one. Each agent's vocabulary decides what a record means; everything the
/// item carried (its attributes, scope, resource and OTLP fields) is kept in <see cref="ActivityRecord.Attributes"/>.
/// Event ids are deterministic (see <see cref="EventIdAssigner"/>), so a re-sent batch stores nothing twice.
/// </summary>
public sealed partial class OtlpRecordMapper(TimeProvider timeProvider)
{
    private readonly VocabularySet _vocabularies = new();

    private static ActivityRecord Draft(
        OtlpIngestContext context,
        AgentVocabulary vocabulary,
        TelemetryItem item,
        string eventId,
        DateTimeOffset occurredAt,
        DateTimeOffset receivedAt) => new()
        {
            Id = RecordIds.NewId(occurredAt),
            WorkspaceId = context.WorkspaceId,
            EventId = eventId,
            OccurredAt = occurredAt,
            ReceivedAt = receivedAt,
            Source = RecordSource.Otlp,
            Kind = RecordKind.Other,
            Actor = vocabulary.ActorOf(item),
            ClientIp = context.ClientIp,
            UserAgent = context.UserAgent,
            Agent = vocabulary.Agent,
            ClientId = vocabulary.ClientOf(item),
            ClientVersion = vocabulary.ClientVersionOf(item),
            SessionId = vocabulary.SessionOf(item),
            TurnId = vocabulary.TurnOf(item),
            Model = vocabulary.ModelOf(item),
        };

    /// <summary>
    /// The stored attributes: the signal's own OTLP fields under <paramref name="signalKey"/>, the item's
    /// attributes (less those lifted into content fields, which are listed under <c>content_fields</c>), and the
    /// scope and resource, so that the record can be traced back to exactly what was sent.
    /// </summary>
    private static JsonObject Attributes(TelemetryItem item, string signalKey, JsonObject signalFields)
    {
        var lifted = item.Lifted.Count == 0 ? null : new HashSet<string>(item.Lifted.Keys, StringComparer.Ordinal);
        var json = new JsonObject
        {
            ["otlp.signal"] = item.Signal.ToString().ToLowerInvariant(),
            ["event_name"] = item.EventName,
            ["attributes"] = AnyValueJson.Object(item.Attributes.Source, lifted),
            [signalKey] = signalFields,
            ["scope"] = item.Scope.ToJson(),
            ["resource"] = item.Resource.ToJson(),
        };
        if (lifted is not null)
        {
            var fields = new JsonObject();
            foreach (var (key, field) in item.Lifted)
            {
                fields[key] = field;
            }

            json["content_fields"] = fields;
        }

        return json;
    }
}
