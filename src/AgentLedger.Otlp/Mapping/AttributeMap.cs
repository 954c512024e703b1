using System.Globalization;
using AgentLedger.Otlp.Proto.Common.V1;
using Google.Protobuf.Collections;

namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// Typed reads of an OTLP attribute list. Agents type the same figure differently (Codex sends
/// <c>duration_ms</c> as a string, Claude Code its tokens as ints, Gemini CLI everything as ints), so every
/// getter accepts the value in any encoding that carries it exactly.
/// </summary>
internal sealed class AttributeMap
{
    public static readonly AttributeMap Empty = new(new RepeatedField<KeyValue>());

    private readonly Dictionary<string, AnyValue> _values;

    public AttributeMap(RepeatedField<KeyValue> attributes)
    {
        Source = attributes;
        _values = new Dictionary<string, AnyValue>(attributes.Count, StringComparer.Ordinal);
        foreach (var kv in attributes)
        {
            // Keys are unique by the spec; if one repeats, the last wins, as in the OTel SDKs.
            _values[kv.Key] = kv.Value ?? new AnyValue();
        }
    }

    /// <summary>The attributes as sent, in order.</summary>
    public RepeatedField<KeyValue> Source { get; }

    public int Count => _values.Count;

    public bool Contains(string key) => _values.ContainsKey(key);

    public AnyValue? Raw(string key) => _values.GetValueOrDefault(key);

    /// <summary>The value as text: strings as they are, numbers and booleans in invariant form; null when absent or empty.</summary>
    public string? String(string key)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return null;
        }

        var text = v.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => v.StringValue,
            AnyValue.ValueOneofCase.IntValue => v.IntValue.ToString(CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.DoubleValue => v.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.BoolValue => v.BoolValue ? "true" : "false",
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public long? Int64(string key)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return null;
        }

        return v.ValueCase switch
        {
            AnyValue.ValueOneofCase.IntValue => v.IntValue,
            AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(v.DoubleValue) && Math.Abs(v.DoubleValue) < 9.2e18 => (long)Math.Round(v.DoubleValue),
            AnyValue.ValueOneofCase.StringValue when long.TryParse(v.StringValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            AnyValue.ValueOneofCase.StringValue when double.TryParse(v.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                                                     && double.IsFinite(d) && Math.Abs(d) < 9.2e18 => (long)Math.Round(d),
            _ => null,
        };
    }

    public decimal? Decimal(string key)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return null;
        }

        return v.ValueCase switch
        {
            AnyValue.ValueOneofCase.IntValue => v.IntValue,
            // Through the shortest round-trip text, so 0.0108376 stays 0.0108376 rather than its binary neighbour.
            AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(v.DoubleValue) => ParseDecimal(v.DoubleValue.ToString("R", CultureInfo.InvariantCulture)),
            AnyValue.ValueOneofCase.StringValue => ParseDecimal(v.StringValue),
            _ => null,
        };
    }

    public bool? Bool(string key)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return null;
        }

        return v.ValueCase switch
        {
            AnyValue.ValueOneofCase.BoolValue => v.BoolValue,
            AnyValue.ValueOneofCase.StringValue when bool.TryParse(v.StringValue, out var b) => b,
            AnyValue.ValueOneofCase.IntValue => v.IntValue != 0,
            _ => null,
        };
    }

    private static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
