using System.Text.Json.Nodes;
using AgentLedger.Otlp.Proto.Resource.V1;
using Google.Protobuf;

namespace AgentLedger.Otlp.Mapping;

/// <summary>The resource of a batch of OTLP items (the process that sent them), decoded once per batch.</summary>
internal sealed class TelemetryResource
{
    public TelemetryResource(Resource? resource, string schemaUrl)
    {
        Resource = resource ?? new Resource();
        SchemaUrl = schemaUrl;
        Attributes = new AttributeMap(Resource.Attributes);
        CanonicalBytes = Resource.ToByteArray();
        ServiceName = Attributes.String("service.name");
    }

    public Resource Resource { get; }

    public string SchemaUrl { get; }

    public AttributeMap Attributes { get; }

    public string? ServiceName { get; }

    /// <summary>The deterministic protobuf encoding, part of every item's event id.</summary>
    public byte[] CanonicalBytes { get; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["attributes"] = AnyValueJson.Object(Resource.Attributes) };
        if (Resource.DroppedAttributesCount > 0)
        {
            json["dropped_attributes_count"] = Resource.DroppedAttributesCount;
        }

        if (SchemaUrl.Length > 0)
        {
            json["schema_url"] = SchemaUrl;
        }

        if (Resource.EntityRefs.Count > 0)
        {
            var refs = new JsonArray();
            foreach (var entity in Resource.EntityRefs)
            {
                refs.Add(new JsonObject
                {
                    ["type"] = entity.Type,
                    ["schema_url"] = entity.SchemaUrl,
                    ["id_keys"] = new JsonArray([.. entity.IdKeys.Select(k => (JsonNode)JsonValue.Create(k))]),
                    ["description_keys"] = new JsonArray([.. entity.DescriptionKeys.Select(k => (JsonNode)JsonValue.Create(k))]),
                });
            }

            json["entity_refs"] = refs;
        }

        return json;
    }
}
