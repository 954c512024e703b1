using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Otlp.Proto.Common.V1;
using Google.Protobuf.Collections;

namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// OTLP attribute values as plain JSON for <c>ActivityRecord.Attributes</c>: strings, booleans and ints as
/// themselves, doubles always with a decimal point or exponent (so <c>1.0</c> stays distinguishable from the
/// int <c>1</c>), non-finite doubles as the strings OTLP/JSON uses, bytes as <c>{"bytes_base64": …}</c>,
/// arrays as arrays, key-value lists as objects and an empty value as null. Nothing is dropped.
/// </summary>
internal static class AnyValueJson
{
    public static JsonNode? ToJson(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => JsonValue.Create(value.StringValue),
        AnyValue.ValueOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        AnyValue.ValueOneofCase.IntValue => JsonValue.Create(value.IntValue),
        AnyValue.ValueOneofCase.DoubleValue => Double(value.DoubleValue),
        AnyValue.ValueOneofCase.BytesValue => new JsonObject { ["bytes_base64"] = value.BytesValue.ToBase64() },
        AnyValue.ValueOneofCase.ArrayValue => Array(value.ArrayValue.Values),
        AnyValue.ValueOneofCase.KvlistValue => Object(value.KvlistValue.Values),
        _ => null,
    };

    public static JsonObject Object(RepeatedField<KeyValue> attributes, IReadOnlySet<string>? except = null)
    {
        var json = new JsonObject();
        foreach (var kv in attributes)
        {
            if (except is null || !except.Contains(kv.Key))
            {
                json[kv.Key] = ToJson(kv.Value);
            }
        }

        return json;
    }

    public static JsonNode Double(double value)
    {
        if (double.IsNaN(value))
        {
            return JsonValue.Create("NaN");
        }

        if (double.IsInfinity(value))
        {
            return JsonValue.Create(value > 0 ? "Infinity" : "-Infinity");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return JsonNode.Parse(text)!;
    }

    private static JsonArray Array(RepeatedField<AnyValue> values)
    {
        var json = new JsonArray();
        foreach (var v in values)
        {
            json.Add(ToJson(v));
        }

        return json;
    }
}
