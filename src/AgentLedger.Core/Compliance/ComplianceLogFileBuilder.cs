using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// Collects the lines of one log file in seq order, up to a record count and a byte size, and produces the file to
/// seal: its JSONL bytes' size and SHA-256, and the bytes gzip-compressed for storage. Memory is bounded by the byte
/// limit (one record larger than the limit makes a file of its own).
/// </summary>
public sealed class ComplianceLogFileBuilder
{
    private readonly ArrayBufferWriter<byte> _content = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _line = new(4 * 1024);
    private readonly int _maxRecords;
    private readonly long _maxBytes;

    public ComplianceLogFileBuilder(ComplianceLogType type, int maxRecords, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        Type = type;
        _maxRecords = maxRecords;
        _maxBytes = maxBytes;
    }

    public ComplianceLogType Type { get; }

    public int Count { get; private set; }

    public long FirstSeq { get; private set; }

    public long LastSeq { get; private set; }

    public long Size => _content.WrittenCount;

    public bool IsFull => Count >= _maxRecords;

    /// <summary>Adds the record's line; false (nothing added) when the file is full or the line would pass the byte limit.</summary>
    public bool TryAdd(ActivityRecord record)
    {
        EnsureType(ComplianceLogType.CodexLog);
        _line.ResetWrittenCount();
        CodexLogFormatter.WriteLine(_line, record);
        return TryAppend(record.Seq);
    }

    public bool TryAdd(AuditEvent auditEvent)
    {
        EnsureType(ComplianceLogType.AuditLog);
        _line.ResetWrittenCount();
        AuditLogFormatter.WriteLine(_line, auditEvent);
        return TryAppend(auditEvent.Seq);
    }

    /// <summary>The file to seal; call once, after at least one line was added.</summary>
    public NewComplianceLogFile Build(string workspaceId, DateTimeOffset sealedAt)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("A log file needs at least one line.");
        }

        var content = _content.WrittenSpan;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        using var compressed = new MemoryStream(capacity: Math.Max(1024, content.Length / 4));
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        var typeName = ComplianceLogTypes.Of(Type);
        var fileName = $"{typeName.ToLowerInvariant()}-{workspaceId}-{FirstSeq:D12}-{LastSeq:D12}.jsonl";
        return new NewComplianceLogFile(
            workspaceId, RecordIds.NewId(sealedAt), Type, FirstSeq, LastSeq, Count, fileName, content.Length, sha256, sealedAt,
            compressed.ToArray());
    }

    private bool TryAppend(long seq)
    {
        if (IsFull || (Count > 0 && _content.WrittenCount + _line.WrittenCount > _maxBytes))
        {
            return false;
        }

        if (Count > 0 && seq != LastSeq + 1)
        {
            throw new InvalidOperationException($"Log lines must be added in seq order without gaps: {seq} after {LastSeq}.");
        }

        _content.Write(_line.WrittenSpan);
        FirstSeq = Count == 0 ? seq : FirstSeq;
        LastSeq = seq;
        Count++;
        return true;
    }

    private void EnsureType(ComplianceLogType type)
    {
        if (Type != type)
        {
            throw new InvalidOperationException($"This builder makes {ComplianceLogTypes.Of(Type)} files, not {ComplianceLogTypes.Of(type)}.");
        }
    }
}
