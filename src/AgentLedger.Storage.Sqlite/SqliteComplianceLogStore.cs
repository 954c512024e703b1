using AgentLedger.Core.Compliance;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Sealed compliance log files on SQLite, content stored in the database beside their description.</summary>
public sealed class SqliteComplianceLogStore(SqliteDatabase database) : IComplianceLogStore
{
    private const string Select = """
        SELECT workspace_id AS WorkspaceId, file_id AS Id, event_type AS EventType, end_time AS EndTime, file_name AS FileName,
               file_size AS FileSize, file_sha256 AS FileSha256, first_seq AS FirstSeq, last_seq AS LastSeq, record_count AS RecordCount
        FROM compliance_log_files
        """;

    public async Task<long> SealedSeqAsync(string workspaceId, ComplianceLogType type, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT {SealedColumn(type)} FROM compliance_log_heads WHERE workspace_id = @workspaceId", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    public async Task<ComplianceLogFile?> SealAsync(NewComplianceLogFile file, CancellationToken cancellationToken)
    {
        var column = SealedColumn(file.Type);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: the head is read and advanced under the write lock, so no other seal can interleave.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(
            "INSERT INTO compliance_log_heads (workspace_id) VALUES (@WorkspaceId) ON CONFLICT DO NOTHING",
            new { file.WorkspaceId }, transaction).ConfigureAwait(false);
        var head = await connection.QuerySingleAsync<(long Sealed, long LastEnd)>(
            $"SELECT {column}, last_end_time FROM compliance_log_heads WHERE workspace_id = @WorkspaceId",
            new { file.WorkspaceId }, transaction).ConfigureAwait(false);
        if (head.Sealed != file.FirstSeq - 1)
        {
            return null;
        }

        // Strictly after the previous file's end time, even if this instance's clock is behind the last sealer's.
        var endTime = Math.Max(SqliteTime.ToMicros(file.SealedAt), head.LastEnd + 1);
        await connection.ExecuteAsync(
            $"UPDATE compliance_log_heads SET {column} = @LastSeq, last_end_time = @endTime WHERE workspace_id = @WorkspaceId",
            new { file.WorkspaceId, file.LastSeq, endTime }, transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO compliance_log_files (workspace_id, file_id, event_type, end_time, first_seq, last_seq, record_count,
                                              file_name, file_size, file_sha256, content, chain_sha256)
            VALUES (@WorkspaceId, @Id, @EventType, @endTime, @FirstSeq, @LastSeq, @RecordCount, @FileName, @FileSize, @FileSha256, @ContentGzip,
                    -- a records file carries the chain head at its last seq (ADR 0005)
                    (SELECT chain_sha256 FROM records WHERE workspace_id = @WorkspaceId AND seq = @LastSeq AND @EventType = 'CODEX_LOG'))
            """,
            new
            {
                file.WorkspaceId, file.Id, EventType = ComplianceLogTypes.Of(file.Type), endTime, file.FirstSeq, file.LastSeq,
                file.RecordCount, file.FileName, file.FileSize, file.FileSha256, file.ContentGzip,
            },
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ComplianceLogFile(file.WorkspaceId, file.Id, file.Type, SqliteTime.FromMicros(endTime), file.FileName, file.FileSize,
            file.FileSha256, file.FirstSeq, file.LastSeq, file.RecordCount);
    }

    public async Task<IReadOnlyList<ComplianceLogFile>> ListAsync(
        string workspaceId, ComplianceLogType? type, DateTimeOffset? afterEndTime, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = Select + " WHERE workspace_id = @workspaceId AND end_time > @after"
                  + (type is null ? string.Empty : " AND event_type = @eventType")
                  + " ORDER BY end_time LIMIT @limit";
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new
        {
            workspaceId,
            after = afterEndTime is { } a ? SqliteTime.ToMicros(a) : long.MinValue,
            eventType = type is { } t ? ComplianceLogTypes.Of(t) : null,
            limit,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToFile()).ToList();
    }

    public async Task<ComplianceLogFile?> FindAsync(string workspaceId, string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId AND file_id = @fileId", new { workspaceId, fileId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToFile();
    }

    public async Task<byte[]?> ReadContentAsync(string workspaceId, string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT content FROM compliance_log_files WHERE workspace_id = @workspaceId AND file_id = @fileId",
            new { workspaceId, fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string SealedColumn(ComplianceLogType type) => type switch
    {
        ComplianceLogType.CodexLog => "codex_sealed_seq",
        ComplianceLogType.AuditLog => "audit_sealed_seq",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private sealed record Row(
        string WorkspaceId, string Id, string EventType, long EndTime, string FileName, long FileSize, string FileSha256,
        long FirstSeq, long LastSeq, long RecordCount)
    {
        public ComplianceLogFile ToFile() =>
            new(WorkspaceId, Id, ComplianceLogTypes.TryParse(EventType, out var type) ? type : throw new FormatException($"Unknown log type '{EventType}'."),
                SqliteTime.FromMicros(EndTime), FileName, FileSize, FileSha256, FirstSeq, LastSeq, (int)RecordCount);
    }
}
