using System.Collections;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AgentLedger.Otlp.Decoding;

/// <summary>
/// Decodes OTLP/JSON into the generated OTLP messages, following
/// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding: lowerCamelCase keys (snake_case accepted),
/// trace and span ids as hex strings (not base64 — Google.Protobuf's JsonParser would silently misread them),
/// 64-bit integers as JSON strings or numbers (read exactly, never through a double), enums as integers or
/// names, unknown fields ignored. Errors name the JSON path of the bad value, never the value itself.
/// </summary>
public static class OtlpJsonDecoder
{
    /// <summary>Nesting limit; OTLP's deepest legitimate nesting is attribute values inside values.</summary>
    public const int MaxDepth = 64;

    public static T Decode<T>(ReadOnlySpan<byte> utf8Json)
        where T : class, IMessage<T>, new()
    {
        var message = new T();
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new OtlpDecodeException($"The body is empty; an OTLP/JSON {message.Descriptor.Name} is a JSON object.");
        }

        // JSON is UTF-8 (RFC 8259); the reader would only notice bad bytes inside a string when reading it, and then
        // not as a JsonException.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            throw new OtlpDecodeException("The body is not valid UTF-8; OTLP/JSON is UTF-8 encoded JSON.");
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var path = new JsonFieldPath();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new OtlpDecodeException($"The body must be a JSON object ({message.Descriptor.Name}), found {Describe(reader.TokenType)}.");
            }

            ReadMessage(ref reader, message, path);

            // A second top-level value or trailing garbage makes Read() throw; trailing whitespace is fine.
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw new OtlpDecodeException(
                $"Invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} (in {path}).", ex);
        }

        return message;
    }

    private static void ReadMessage(ref Utf8JsonReader reader, IMessage message, JsonFieldPath path)
    {
        var fields = OtlpJsonFieldMap.For(message.Descriptor);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!fields.TryGetValue(name, out var field))
            {
                // Receivers must ignore unknown fields (newer OTLP versions add them, e.g. resource.entityRefs).
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            path.Push(field.JsonName);
            if (field.IsRepeated)
            {
                ReadRepeated(ref reader, message, field, path);
            }
            else
            {
                field.Accessor.SetValue(message, ReadValue(ref reader, field, path));
            }

            path.Pop();
        }
    }

    private static void ReadRepeated(ref Utf8JsonReader reader, IMessage message, FieldDescriptor field, JsonFieldPath path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path, $"expected an array, found {Describe(reader.TokenType)}");
        }

        var list = (IList)field.Accessor.GetValue(message);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            path.SetIndex(index++);
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw Error(path, "null is not allowed as an element of a repeated field");
            }

            list.Add(ReadValue(ref reader, field, path));
        }
    }

    private static object ReadValue(ref Utf8JsonReader reader, FieldDescriptor field, JsonFieldPath path)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
            case FieldType.Group:
                Expect(ref reader, JsonTokenType.StartObject, "an object", path);
                var child = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                ReadMessage(ref reader, child, path);
                return child;
            case FieldType.String:
                Expect(ref reader, JsonTokenType.String, "a string", path);
                return reader.GetString()!;
            case FieldType.Bool:
                return reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw Error(path, $"expected true or false, found {Describe(reader.TokenType)}"),
                };
            case FieldType.Bytes:
                Expect(ref reader, JsonTokenType.String, "a string", path);
                return OtlpJsonFieldMap.IsHexId(field) ? ReadHex(ref reader, path) : ReadBase64(ref reader, path);
            case FieldType.Double:
                return JsonNumbers.ReadDouble(ref reader, path);
            case FieldType.Float:
                return (float)JsonNumbers.ReadDouble(ref reader, path);
            case FieldType.Int64:
            case FieldType.SInt64:
            case FieldType.SFixed64:
                return JsonNumbers.ReadInt64(ref reader, path);
            case FieldType.UInt64:
            case FieldType.Fixed64:
                return JsonNumbers.ReadUInt64(ref reader, path);
            case FieldType.Int32:
            case FieldType.SInt32:
            case FieldType.SFixed32:
                return JsonNumbers.ReadInt32(ref reader, path);
            case FieldType.UInt32:
            case FieldType.Fixed32:
                return JsonNumbers.ReadUInt32(ref reader, path);
            case FieldType.Enum:
                return ReadEnum(ref reader, field.EnumType, path);
            default:
                throw Error(path, $"unsupported field type {field.FieldType}");
        }
    }

    private static int ReadEnum(ref Utf8JsonReader reader, EnumDescriptor type, JsonFieldPath path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString()!;
            return type.FindValueByName(name)?.Number
                   ?? throw Error(path, $"'{Truncate(name)}' is not a value of {type.Name}");
        }

        // Proto3 enums are open: an unknown number is kept as it is.
        return JsonNumbers.ReadInt32(ref reader, path);
    }

    private static ByteString ReadHex(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        var text = reader.GetString()!;
        if (text.Length == 0)
        {
            return ByteString.Empty;
        }

        if (text.Length % 2 != 0 || !IsHex(text))
        {
            throw Error(path, $"expected a hex-encoded id (an even number of 0-9a-f characters), found {text.Length} characters that are not");
        }

        return ByteString.CopyFrom(Convert.FromHexString(text));
    }

    private static ByteString ReadBase64(ref Utf8JsonReader reader, JsonFieldPath path)
    {
        if (reader.TryGetBytesFromBase64(out var bytes))
        {
            return ByteString.CopyFrom(bytes);
        }

        throw Error(path, "expected base64-encoded bytes");
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, JsonFieldPath path)
    {
        if (reader.TokenType != type)
        {
            throw Error(path, $"expected {what}, found {Describe(reader.TokenType)}");
        }
    }

    internal static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    internal static OtlpDecodeException Error(JsonFieldPath path, string problem) => new($"Invalid OTLP/JSON at {path}: {problem}.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
