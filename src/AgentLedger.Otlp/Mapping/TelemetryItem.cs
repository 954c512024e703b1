namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// One OTLP item being mapped (a log record, a metric data point or a span) with its scope and resource.
/// Lookups read the item's attributes first, then the scope's, then the resource's: Gemini CLI puts
/// <c>session.id</c> on the resource, Claude Code copies resource attributes onto every record. A vocabulary
/// that moves an attribute into a content field of the record "lifts" it, so that the text is stored once,
/// where the workspace's capture, redaction and retention policy applies to it.
/// </summary>
internal sealed class TelemetryItem(OtlpSignal signal, TelemetryResource resource, TelemetryScope scope, AttributeMap attributes, string? eventName)
{
    private readonly Dictionary<string, string> _lifted = new(StringComparer.Ordinal);

    public OtlpSignal Signal { get; } = signal;

    public TelemetryResource Resource { get; } = resource;

    public TelemetryScope Scope { get; } = scope;

    public AttributeMap Attributes { get; } = attributes;

    /// <summary>The event, span or metric name in the agent's own vocabulary (e.g. <c>codex.user_prompt</c>).</summary>
    public string? EventName { get; } = eventName;

    /// <summary>Whether the item is a log record emitted inside a span (it has a trace id).</summary>
    public bool LinkedToSpan { get; init; }

    /// <summary>Attribute keys moved into a content field, with the field's name.</summary>
    public IReadOnlyDictionary<string, string> Lifted => _lifted;

    public string? Get(string key) => Attributes.String(key) ?? Scope.Attributes.String(key) ?? Resource.Attributes.String(key);

    public string? First(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (Get(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    public long? Int64(string key) => Attributes.Int64(key) ?? Resource.Attributes.Int64(key);

    public decimal? Decimal(string key) => Attributes.Decimal(key);

    public bool? Bool(string key) => Attributes.Bool(key);

    /// <summary>Reads an item attribute into the named content field and keeps it out of the stored attributes.</summary>
    public string? Lift(string key, string field)
    {
        var value = Attributes.String(key);
        if (value is not null)
        {
            _lifted[key] = field;
        }

        return value;
    }

    /// <summary>
    /// Lifts <paramref name="duplicateKey"/> as well when it repeats <paramref name="value"/> exactly
    /// (Claude Code sends the prompt as both <c>prompt</c> and <c>prompt_text</c>); a differing value stays.
    /// </summary>
    public void LiftDuplicate(string duplicateKey, string? value, string field)
    {
        if (value is not null && Attributes.String(duplicateKey) == value)
        {
            _lifted[duplicateKey] = field;
        }
    }
}
