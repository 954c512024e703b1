using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Core.Records;

/// <summary>
/// A record's attributes as stored and hashed: the UTF-8 bytes of <c>Attributes.ToJsonString()</c> (the default
/// <see cref="Utf8JsonWriter"/> output). Writing them is most of a record's cost on the single writer thread (they are
/// the whole of what the source sent), so <see cref="Ingestion.IngestBatchWriter"/> writes them on the request's thread,
/// after DLP and before queueing (<see cref="Encode"/>), in parallel across requests; the writer then takes those bytes
/// (<see cref="TryTake"/>) instead of writing the JSON itself. The bytes are kept beside the attributes object, not in
/// the record, and each is taken once, so a caller that changes an attributes object and appends it again gets it
/// written anew.
/// </summary>
public static class AttributesJson
{
    private static readonly ConditionalWeakTable<JsonObject, byte[]> Encoded = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes the attributes of each record now, for the writer to take.</summary>
    public static void Encode(IReadOnlyList<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (record.Attributes is { } attributes)
            {
                Encoded.AddOrUpdate(attributes, Write(attributes).ToArray());
            }
        }
    }

    /// <summary>The bytes <see cref="Encode"/> wrote for this attributes object, once; false when there are none.</summary>
    public static bool TryTake(JsonObject attributes, out byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Encoded.TryGetValue(attributes, out utf8!))
        {
            Encoded.Remove(attributes);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Writes <paramref name="attributes"/> into this thread's buffer: the bytes are valid until this thread's next call,
    /// so use them at once, without awaiting.
    /// </summary>
    public static ReadOnlyMemory<byte> Write(JsonObject attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        attributes.WriteTo(writer);
        writer.Flush();
        return buffer.WrittenMemory;
    }
}
