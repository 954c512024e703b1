using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Reads records with their stored hashes, the chain head, the purge checkpoint and the sealed files' heads.</summary>
public sealed class SqliteRecordChainStore(SqliteDatabase database) : IRecordChainStore
{
    public async Task<ChainState?> ReadStateAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the head, the counter and the files are one consistent snapshot.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT w.last_seq, h.head_seq, h.head_sha256, coalesce(h.purged_seq, 0), h.purged_sha256
            FROM workspaces w LEFT JOIN record_chain_heads h ON h.workspace_id = w.workspace_id
            WHERE w.workspace_id = $ws
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        long lastSeq;
        long purgedSeq;
        byte[]? purgedHash;
        var anchors = new List<ChainAnchor>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
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

        command.CommandText = """
            SELECT file_id, last_seq, chain_sha256 FROM compliance_log_files
            WHERE workspace_id = $ws AND event_type = $type AND chain_sha256 IS NOT NULL ORDER BY first_seq
            """;
        command.Parameters.AddWithValue("$type", ComplianceLogTypes.Of(ComplianceLogType.CodexLog));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
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
        SqliteConnection connection, SqliteTransaction? transaction, string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {SqliteRecordColumns.SelectList}, content_sha256, chain_sha256, content_purged_at FROM records
            WHERE workspace_id = $ws AND seq > $after ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ChainedRecord>();
        var hashes = reader.FieldCount - 3;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ChainedRecord(
                SqliteRecordColumns.Read(reader),
                reader.IsDBNull(hashes) ? null : (byte[])reader.GetValue(hashes),
                reader.IsDBNull(hashes + 1) ? null : (byte[])reader.GetValue(hashes + 1),
                !reader.IsDBNull(hashes + 2)));
        }

        return rows;
    }
}
