using System.Security.Cryptography;
using AgentLedger.Core.Records;
using Google.Protobuf;

namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// Deterministic event ids for OTLP items, which carry no id of their own: the item's own time and a SHA-256 of the
/// canonical protobuf bytes of the item, its scope and its resource (<see cref="OtlpEventIds"/>). The same record sent
/// again — a retry of the same request, or the same data as JSON instead of protobuf — gets the same id, so storage
/// keeps it once.
/// Items that are byte-for-byte identical within one request (an SDK may emit two equal records in the same
/// nanosecond) are told apart by their occurrence number, so none of them is mistaken for a retry.
/// One assigner per request.
/// </summary>
internal sealed class EventIdAssigner : IDisposable
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _item = new byte[4096];

    public void Dispose() => _hash.Dispose();

    /// <param name="timeUnixNano">The item's own time field (0 when unset), never the time it was received: a retry must get the same id.</param>
    public string Next(OtlpSignal signal, TelemetryResource resource, TelemetryScope scope, IMessage item, ulong timeUnixNano, ReadOnlySpan<byte> extra = default)
    {
        var hash = _hash;
        Span<byte> length = stackalloc byte[4];
        Append(hash, length, [(byte)signal]);
        Append(hash, length, resource.CanonicalBytes);
        Append(hash, length, scope.CanonicalBytes);
        Append(hash, length, extra);
        // The item's encoding, written into a reused buffer (the same bytes as ToByteArray, without an array per item).
        var size = item.CalculateSize();
        if (size > _item.Length)
        {
            _item = new byte[Math.Max(size, _item.Length * 2)];
        }

        item.WriteTo(_item.AsSpan(0, size));
        Append(hash, length, _item.AsSpan(0, size));
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);

        var id = OtlpEventIds.Of(OtlpEventIds.Millis(timeUnixNano), digest[..16]);
        var occurrence = _seen.TryGetValue(id, out var n) ? n + 1 : 0;
        _seen[id] = occurrence;
        return occurrence == 0 ? id : $"{id}#{occurrence}";
    }

    private static void Append(IncrementalHash hash, Span<byte> length, ReadOnlySpan<byte> bytes)
    {
        // Length-prefixed, so that moving bytes from one part to the next can never give the same digest.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
