namespace AgentLedger.Core.Compliance;

/// <summary>
/// A sealed, immutable log file: the lines of one event type for the source seqs <see cref="FirstSeq"/> to
/// <see cref="LastSeq"/> of one workspace. <see cref="EndTime"/> is strictly increasing per workspace in the order files
/// are sealed, so that a collector paging with <c>after = last_end_time</c> never misses a file sealed later.
/// </summary>
public sealed record ComplianceLogFile(
    string WorkspaceId,
    string Id,
    ComplianceLogType Type,
    DateTimeOffset EndTime,
    string FileName,
    long FileSize,
    string FileSha256,
    long FirstSeq,
    long LastSeq,
    int RecordCount);
