using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Integrity;

/// <summary>
/// The hash chain of a workspace's records, in <c>seq</c> order (docs/adr/0005-hash-chain-and-retention.md):
/// <c>chain(seq) = SHA-256(chain(seq - 1) || metadata(record) || content_sha256(record))</c>, with 32 zero bytes before
/// the first record. Content (prompt, response, tool input and output) enters only through its own hash, so purging
/// the text under retention keeps every link verifiable from the stored content hash. The encoding is engine-neutral:
/// times in Unix microseconds and money in micro-units (what both engines keep), every field length-prefixed, so a
/// record reads back to the same bytes from SQLite and from PostgreSQL.
/// </summary>
public static class RecordChain
{
    public const int HashSize = 32;

    /// <summary>Version tag at the start of the metadata encoding; a new encoding gets a new tag.</summary>
    private static readonly byte[] MetadataTag = "agentledger.record.v1"u8.ToArray();

    private static readonly byte[] ContentTag = "agentledger.content.v1"u8.ToArray();

    private static readonly JsonSerializerOptions ActorJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The "previous hash" of the first record of a workspace.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[HashSize];

    /// <summary>SHA-256 over the record's content fields (each absent or present with its UTF-8 bytes).</summary>
    public static byte[] ContentHash(ActivityRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(ContentTag);
        WriteString(buffer, record.PromptText);
        WriteString(buffer, record.ResponseText);
        WriteString(buffer, record.ToolInput);
        WriteString(buffer, record.ToolOutput);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The chain hash of <paramref name="record"/> after <paramref name="previous"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, ActivityRecord record, ReadOnlySpan<byte> contentHash) =>
        Link(previous, record, contentHash, ActorJsonOf(record), record.Attributes?.ToJsonString());

    /// <summary>
    /// <see cref="Link(ReadOnlySpan{byte}, ActivityRecord, ReadOnlySpan{byte})"/> with the record's actor and attributes
    /// already serialised (<see cref="ActorJsonOf"/>, <c>Attributes.ToJsonString()</c>): a writer that stores those
    /// texts anyway serialises them once per record instead of twice.
    /// </summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, ActivityRecord record, ReadOnlySpan<byte> contentHash, string actorJson, string? attributesJson)
    {
        if (previous.Length != HashSize || contentHash.Length != HashSize)
        {
            throw new ArgumentException("Chain and content hashes are 32 bytes.");
        }

        var buffer = new ArrayBufferWriter<byte>(1024 + (attributesJson?.Length ?? 0));
        buffer.Write(previous);
        WriteMetadata(buffer, record, new JsonText(actorJson), new JsonText(attributesJson));
        buffer.Write(contentHash);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>
    /// <see cref="Link(ReadOnlySpan{byte}, ActivityRecord, ReadOnlySpan{byte}, string, string?)"/> with the actor and
    /// attributes JSON as UTF-8 (the bytes of <see cref="ActorJsonOf"/> and <c>Attributes.ToJsonString()</c>;
    /// <paramref name="attributesUtf8"/> null when the record has no attributes): a writer that stores UTF-8 anyway never
    /// makes the UTF-16 strings. The hashed bytes are the same. <paramref name="scratch"/> is cleared and reused.
    /// </summary>
    public static byte[] Link(
        ReadOnlySpan<byte> previous, ActivityRecord record, ReadOnlySpan<byte> contentHash, ReadOnlySpan<byte> actorUtf8,
        ReadOnlyMemory<byte>? attributesUtf8, ArrayBufferWriter<byte> scratch)
    {
        if (previous.Length != HashSize || contentHash.Length != HashSize)
        {
            throw new ArgumentException("Chain and content hashes are 32 bytes.");
        }

        scratch.ResetWrittenCount();
        scratch.Write(previous);
        WriteMetadata(scratch, record, new JsonText(actorUtf8), attributesUtf8 is { } a ? new JsonText(a.Span) : new JsonText((string?)null));
        scratch.Write(contentHash);
        return SHA256.HashData(scratch.WrittenSpan);
    }

    /// <summary><see cref="ContentHash(ActivityRecord)"/> through a reused <paramref name="scratch"/> buffer.</summary>
    public static byte[] ContentHash(ActivityRecord record, ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        scratch.Write(ContentTag);
        WriteString(scratch, record.PromptText);
        WriteString(scratch, record.ResponseText);
        WriteString(scratch, record.ToolInput);
        WriteString(scratch, record.ToolOutput);
        return SHA256.HashData(scratch.WrittenSpan);
    }

    /// <summary>The actor as the metadata hash (and the stored row) hold it: web-cased JSON without nulls.</summary>
    public static string ActorJsonOf(ActivityRecord record) => JsonSerializer.Serialize(record.Actor, ActorJson);

    /// <summary><see cref="ActorJsonOf"/> as UTF-8, without the string.</summary>
    public static byte[] ActorJsonUtf8Of(ActivityRecord record) => JsonSerializer.SerializeToUtf8Bytes(record.Actor, ActorJson);

    /// <summary>Whether the record carries no content (nothing to hash beyond absence, or content purged).</summary>
    public static bool HasContent(ActivityRecord record) =>
        record.PromptText is not null || record.ResponseText is not null || record.ToolInput is not null || record.ToolOutput is not null;

    /// <summary>The record with its content fields cleared, as a content purge leaves it.</summary>
    public static ActivityRecord WithoutContent(ActivityRecord record) =>
        record with { PromptText = null, ResponseText = null, ToolInput = null, ToolOutput = null };

    /// <summary>
    /// The canonical metadata bytes: every stored field except the four content fields and the derived surface. Public
    /// for tests and for offline verifiers that want to reproduce the encoding.
    /// </summary>
    public static void WriteMetadata(IBufferWriter<byte> buffer, ActivityRecord r) =>
        WriteMetadata(buffer, r, new JsonText(ActorJsonOf(r)), new JsonText(r.Attributes?.ToJsonString()));

    private static void WriteMetadata(IBufferWriter<byte> buffer, ActivityRecord r, JsonText actorJson, JsonText attributesJson)
    {
        buffer.Write(MetadataTag);
        WriteString(buffer, r.WorkspaceId);
        WriteLong(buffer, r.Seq);
        WriteString(buffer, r.Id);
        WriteString(buffer, r.EventId);
        WriteLong(buffer, Micros(r.OccurredAt));
        WriteLong(buffer, Micros(r.ReceivedAt));
        WriteString(buffer, WireNames.Of(r.Source));
        WriteString(buffer, WireNames.Of(r.Kind));
        WriteString(buffer, r.UserId);
        actorJson.WriteTo(buffer);
        WriteString(buffer, r.Team);
        WriteString(buffer, r.ClientIp);
        WriteString(buffer, r.UserAgent);
        WriteString(buffer, WireNames.Of(r.Agent));
        WriteString(buffer, WireNames.Of(r.ClientId));
        WriteString(buffer, r.ClientVersion);
        WriteString(buffer, r.SessionId);
        WriteString(buffer, r.TurnId);
        WriteString(buffer, r.Model);
        WriteString(buffer, r.Status);
        WriteString(buffer, r.Error);
        WriteLong(buffer, r.Usage.InputTokens);
        WriteLong(buffer, r.Usage.CachedInputTokens);
        WriteLong(buffer, r.Usage.OutputTokens);
        WriteLong(buffer, r.Usage.ReasoningTokens);
        WriteOptionalLong(buffer, r.CostUsd is { } cost ? MoneyMicros(cost) : null);
        WriteOptionalLong(buffer, r.Credits is { } credits ? MoneyMicros(credits) : null);
        WriteOptionalLong(buffer, r.DurationMs);
        WriteString(buffer, r.ToolName);
        WriteString(buffer, r.Review?.Repository);
        WriteOptionalLong(buffer, r.Review?.PullRequest);
        WriteString(buffer, r.Review?.ReviewId);
        WriteString(buffer, r.Review?.CommentId);
        WriteString(buffer, r.Review?.Priority is { } priority ? WireNames.Of(priority) : null);
        WriteString(buffer, r.Review?.Reaction is { } reaction ? WireNames.Of(reaction) : null);
        attributesJson.WriteTo(buffer);
    }

    /// <summary>Unix microseconds, truncated: the precision both engines store.</summary>
    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static long MoneyMicros(decimal value) => (long)decimal.Round(value * 1_000_000m, 0, MidpointRounding.ToEven);

    private static void WriteString(IBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteInt(buffer, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(buffer, length);
        var span = buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        buffer.Advance(length);
    }

    private static void WriteUtf8(IBufferWriter<byte> buffer, ReadOnlySpan<byte> utf8)
    {
        WriteInt(buffer, utf8.Length);
        buffer.Write(utf8);
    }

    /// <summary>A JSON text of the metadata, as a string or as its UTF-8 bytes; encoded the same either way.</summary>
    private readonly ref struct JsonText
    {
        private readonly string? _text;
        private readonly ReadOnlySpan<byte> _utf8;
        private readonly bool _isUtf8;

        public JsonText(string? text) => _text = text;

        public JsonText(ReadOnlySpan<byte> utf8)
        {
            _utf8 = utf8;
            _isUtf8 = true;
        }

        public void WriteTo(IBufferWriter<byte> buffer)
        {
            if (_isUtf8)
            {
                WriteUtf8(buffer, _utf8);
            }
            else
            {
                WriteString(buffer, _text);
            }
        }
    }

    private static void WriteOptionalLong(IBufferWriter<byte> buffer, long? value)
    {
        var span = buffer.GetSpan(9);
        span[0] = value is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], value ?? 0);
        buffer.Advance(9);
    }

    private static void WriteLong(IBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteInt(IBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }
}
