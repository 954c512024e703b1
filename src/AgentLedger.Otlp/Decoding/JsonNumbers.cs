using System.Globalization;
using System.Text.Json;

namespace AgentLedger.Otlp.Decoding;

/// <summary>
/// Numbers of the protobuf JSON mapping: a JSON number or a string holding one. 64-bit integers are parsed
/// from their text, never through a double, so a nanosecond timestamp sent as a bare number keeps every digit.
/// </summary>
internal static class JsonNumbers
{
    public static double ReadDouble(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        var text = ReadNumericString(ref reader, path, "a number");
        return text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw OtlpJsonDecoder.Error(path, "expected a number or a string holding one"),
        };
    }

    public static long ReadInt64(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        var integral = ReadIntegral(ref reader, path, "a 64-bit integer");
        return integral is >= long.MinValue and <= long.MaxValue
            ? (long)integral
            : throw OtlpJsonDecoder.Error(path, "the integer is out of the range of int64");
    }

    public static ulong ReadUInt64(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var value))
        {
            return value;
        }

        var integral = ReadIntegral(ref reader, path, "an unsigned 64-bit integer");
        return integral is >= ulong.MinValue and <= ulong.MaxValue
            ? (ulong)integral
            : throw OtlpJsonDecoder.Error(path, "the integer is out of the range of uint64");
    }

    public static int ReadInt32(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        var value = ReadInt64(ref reader, path);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw OtlpJsonDecoder.Error(path, "the integer is out of the range of int32");
    }

    public static uint ReadUInt32(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        var value = ReadInt64(ref reader, path);
        return value is >= uint.MinValue and <= uint.MaxValue
            ? (uint)value
            : throw OtlpJsonDecoder.Error(path, "the integer is out of the range of uint32");
    }

    /// <summary>An integer written as a string, or in a number form that needs a decimal (<c>1e3</c>, <c>5.0</c>).</summary>
    private static decimal ReadIntegral(ref Utf8JsonReader reader, JsonFieldPath path, string what)
    {
        decimal value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDecimal(out value))
            {
                throw OtlpJsonDecoder.Error(path, $"expected {what}, found a number out of range");
            }
        }
        else
        {
            var text = ReadNumericString(ref reader, path, what);
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out value))
            {
                throw OtlpJsonDecoder.Error(path, $"expected {what} or a string holding one");
            }
        }

        return value == decimal.Truncate(value)
            ? value
            : throw OtlpJsonDecoder.Error(path, $"expected {what}, found a fraction");
    }

    private static string ReadNumericString(ref Utf8JsonReader reader, JsonFieldPath path, string what) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw OtlpJsonDecoder.Error(path, $"expected {what}, found {OtlpJsonDecoder.Describe(reader.TokenType)}");
}
