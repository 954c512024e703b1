using AgentLedger.Core.Records;
using AgentLedger.Otlp.Proto.Logs.V1;
using AgentLedger.Otlp.Proto.Trace.V1;

namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>
/// How one agent names things in its telemetry: which events it emits, where it puts the session, turn,
/// model, tokens and content. One subclass per agent, derived from the real captures in the test fixtures;
/// <see cref="GenAiVocabulary"/> handles everything else through the OpenTelemetry GenAI conventions.
/// Whatever a vocabulary does not map stays in the record's attributes.
/// </summary>
internal abstract class AgentVocabulary
{
    public abstract Agent Agent { get; }

    /// <summary>Whether the items of this resource and scope (or this event) come from the agent.</summary>
    public abstract bool Recognises(TelemetryResource resource, TelemetryScope scope, string? eventName);

    public virtual string? LogEventName(LogRecord log, AttributeMap attributes) =>
        attributes.String("event.name") ?? NonEmpty(log.EventName);

    public abstract ClientId ClientOf(TelemetryItem item);

    public virtual string? ClientVersionOf(TelemetryItem item) => item.First("app.version", "service.version");

    public virtual string? SessionOf(TelemetryItem item) => item.First("session.id", "gen_ai.conversation.id", "conversation.id");

    public virtual string? TurnOf(TelemetryItem item) => null;

    public virtual string? ModelOf(TelemetryItem item) => item.First("model", "gen_ai.response.model", "gen_ai.request.model");

    public virtual ActorIdentity ActorOf(TelemetryItem item) => IdentityAttributes.Read(item);

    /// <summary>Sets what the log event means on the draft, which already carries time, identity, session and attributes.</summary>
    public abstract ActivityRecord MapLog(TelemetryItem item, ActivityRecord draft);

    /// <summary>
    /// Spans of the three agents repeat what their log events say (tokens included), so by default a span is
    /// kept as a record of kind Other that carries the session and turn structure but counts nothing.
    /// </summary>
    public virtual ActivityRecord MapSpan(TelemetryItem item, Span span, ActivityRecord draft) => draft;

    /// <summary>
    /// Metric points are kept as records of kind Other with their value in the attributes: the agents'
    /// log events already carry the same tokens and costs per request, so counting points would count twice.
    /// </summary>
    public virtual ActivityRecord MapMetricPoint(TelemetryItem item, ActivityRecord draft) => draft;

    protected static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Content that an agent replaced by a redaction marker is not content: it stays in the attributes.</summary>
    protected static string? LiftContent(TelemetryItem item, string key, string field, string redactionMarker)
    {
        var value = item.Attributes.String(key);
        return value is null || value == redactionMarker ? null : item.Lift(key, field);
    }

    protected static string? SuccessStatus(bool? success) => success switch
    {
        true => "success",
        false => "failure",
        null => null,
    };
}
