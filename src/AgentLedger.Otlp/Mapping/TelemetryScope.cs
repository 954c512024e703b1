using System.Text.Json.Nodes;
using AgentLedger.Otlp.Proto.Common.V1;
using Google.Protobuf;

namespace AgentLedger.Otlp.Mapping;

/// <summary>The instrumentation scope of a batch of OTLP items (the library inside the process that made them).</summary>
internal sealed class TelemetryScope
{
    public TelemetryScope(InstrumentationScope? scope, string schemaUrl)
    {
        Scope = scope ?? new InstrumentationScope();
        SchemaUrl = schemaUrl;
        Attributes = new AttributeMap(Scope.Attributes);
        var bytes = Scope.ToByteArray();
        CanonicalBytes = [.. bytes, .. System.Text.Encoding.UTF8.GetBytes(schemaUrl)];
    }

    public InstrumentationScope Scope { get; }

    public string Name => Scope.Name;

    public string SchemaUrl { get; }

    public AttributeMap Attributes { get; }

    public byte[] CanonicalBytes { get; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Scope.Name, ["version"] = Scope.Version };
        if (Scope.Attributes.Count > 0)
        {
            json["attributes"] = AnyValueJson.Object(Scope.Attributes);
        }

        if (Scope.DroppedAttributesCount > 0)
        {
            json["dropped_attributes_count"] = Scope.DroppedAttributesCount;
        }

        if (SchemaUrl.Length > 0)
        {
            json["schema_url"] = SchemaUrl;
        }

        return json;
    }
}
