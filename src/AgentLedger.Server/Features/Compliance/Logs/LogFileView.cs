using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>
/// A log file as the list endpoint describes it: OpenAI's fields (<c>id, event_type, end_time, file_name, file_size,
/// file_sha256</c>) and, beyond them, the seq range and line count it holds.
/// </summary>
public sealed record LogFileView(
    string Id, string EventType, string EndTime, string FileName, long FileSize, string FileSha256, long FirstSeq, long LastSeq, int RecordCount)
{
    public static LogFileView From(ComplianceLogFile file) =>
        new(file.Id, ComplianceLogTypes.Of(file.Type), ComplianceJson.Timestamp(file.EndTime), file.FileName, file.FileSize, file.FileSha256,
            file.FirstSeq, file.LastSeq, file.RecordCount);
}
