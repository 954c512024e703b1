using System.Collections.Concurrent;
using System.Collections.Frozen;
using Google.Protobuf.Reflection;

namespace AgentLedger.Otlp.Decoding;

/// <summary>
/// The fields of a protobuf message by the names OTLP/JSON may use: the lowerCamelCase JSON name the spec
/// requires, and the original snake_case name, which several SDKs still send.
/// </summary>
internal static class OtlpJsonFieldMap
{
    private static readonly ConcurrentDictionary<MessageDescriptor, FrozenDictionary<string, FieldDescriptor>> Maps = new();

    public static FrozenDictionary<string, FieldDescriptor> For(MessageDescriptor descriptor) =>
        Maps.GetOrAdd(descriptor, static d =>
        {
            var map = new Dictionary<string, FieldDescriptor>(StringComparer.Ordinal);
            foreach (var field in d.Fields.InDeclarationOrder())
            {
                map[field.JsonName] = field;
                map.TryAdd(field.Name, field);
            }

            return map.ToFrozenDictionary(StringComparer.Ordinal);
        });

    /// <summary>
    /// OTLP/JSON encodes trace and span ids as hex strings, unlike the protobuf JSON mapping's base64
    /// (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). Every other bytes field is base64.
    /// </summary>
    public static bool IsHexId(FieldDescriptor field) =>
        field.FieldType == FieldType.Bytes && field.Name is "trace_id" or "span_id" or "parent_span_id";
}
