namespace AgentLedger.Core.Compliance;

/// <summary>A log file ready to be sealed: its lines (gzip-compressed as stored) and what describes them.</summary>
/// <param name="SealedAt">The sealer's clock; the stored end time is this, or just after the previous file's if later.</param>
/// <param name="FileSize">Bytes of the uncompressed JSONL, as served.</param>
/// <param name="FileSha256">Lower-case hex SHA-256 of the uncompressed JSONL, as served.</param>
public sealed record NewComplianceLogFile(
    string WorkspaceId,
    string Id,
    ComplianceLogType Type,
    long FirstSeq,
    long LastSeq,
    int RecordCount,
    string FileName,
    long FileSize,
    string FileSha256,
    DateTimeOffset SealedAt,
    byte[] ContentGzip);
