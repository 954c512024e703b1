using System.Data;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Reads records with their stored hashes, the chain head, the purge checkpoint and the sealed files' heads.</summary>
public sealed class PostgreSqlRecordChainStore(PostgreSqlDatabase database) : IRecordChainStore
{
    private static readonly string ReadAfterSql = $"""
        SELECT {PostgreSqlRecordColumns.SelectList}, content_sha256, chain_sha256, content_purged_at FROM records
        WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """;

    public async Task<ChainState?> ReadStateAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the head, the counter and the files agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long lastSeq;
        long purgedSeq;
        byte[]? purgedHash;
        var anchors = new List<ChainAnchor>();
        await using (var command = new NpgsqlCommand("""
            SELECT w.last_seq, h.head_seq, h.head_sha256, coalesce(h.purged_seq, 0), h.purged_sha256
            FROM workspaces w LEFT JOIN record_chain_heads h ON h.workspace_id = w.workspace_id
            WHERE w.workspace_id = $1
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            lastSeq = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                anchors.Add(new ChainAnchor(ChainAnchor.WorkspaceHead, reader.GetInt64(1), (byte[])reader.GetValue(2)));
            }

            purgedSeq = reader.GetInt64(3);
            purgedHash = reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4);
        }

        await using (var command = new NpgsqlCommand("""
            SELECT file_id, last_seq, chain_sha256 FROM compliance_log_files
            WHERE workspace_id = $1 AND event_type = $2 AND chain_sha256 IS NOT NULL ORDER BY first_seq
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            command.Parameters.Add(new NpgsqlParameter { Value = ComplianceLogTypes.Of(ComplianceLogType.CodexLog) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                anchors.Add(new ChainAnchor(ChainAnchor.LogFile(reader.GetString(0)), reader.GetInt64(1), (byte[])reader.GetValue(2)));
            }
        }

        return new ChainState(lastSeq, purgedSeq, purgedHash, anchors);
    }

    public async Task<IReadOnlyList<ChainedRecord>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, workspaceId, afterSeq, limit, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<ChainedRecord>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadAfterSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ChainedRecord>();
        var hashes = reader.FieldCount - 3;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ChainedRecord(
                PostgreSqlRecordColumns.Read(reader),
                reader.IsDBNull(hashes) ? null : (byte[])reader.GetValue(hashes),
                reader.IsDBNull(hashes + 1) ? null : (byte[])reader.GetValue(hashes + 1),
                !reader.IsDBNull(hashes + 2)));
        }

        return rows;
    }
}
