using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Retention;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Retention on SQLite. Content is cleared in bounded batches (each its own short write transaction, so ingest waits
/// at most one batch); holds are re-read in every batch's transaction, so a hold created meanwhile is honoured.
/// </summary>
public sealed class SqliteRetentionStore(SqliteDatabase database) : IRetentionStore
{
    private const int BatchSize = 5000;

    public async Task<ContentPurgeResult> PurgeContentAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long purged = 0;
        long held;
        while (true)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = Command(connection, transaction, workspaceId, cutoff);
            var notHeld = await NotHeldAsync(connection, transaction, workspaceId, command).ConfigureAwait(false);
            command.Parameters.AddWithValue("$now", SqliteTime.ToMicros(now));
            command.Parameters.AddWithValue("$batch", BatchSize);
            command.CommandText = $"""
                UPDATE records SET prompt_text = NULL, response_text = NULL, tool_input = NULL, tool_output = NULL, content_purged_at = $now
                WHERE (workspace_id, seq) IN (
                    SELECT workspace_id, seq FROM records
                    WHERE workspace_id = $ws AND occurred_at < $cutoff AND content_purged_at IS NULL{notHeld}
                    LIMIT $batch)
                """;
            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            purged += changed;
            if (changed < BatchSize)
            {
                command.CommandText = "SELECT count(*) FROM records WHERE workspace_id = $ws AND occurred_at < $cutoff AND content_purged_at IS NULL";
                held = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                var files = await PurgeFilesAsync(connection, transaction, workspaceId, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ContentPurgeResult(purged, files, held);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MetadataPurgeResult> PurgeMetadataAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = Command(connection, transaction, workspaceId, cutoff);
        command.CommandText = "SELECT purged_seq, head_seq FROM record_chain_heads WHERE workspace_id = $ws";
        long purgedSeq;
        long headSeq;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new MetadataPurgeResult(0, 0, [], 0);
            }

            (purgedSeq, headSeq) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var held = await HeldAsync(connection, transaction, workspaceId, command).ConfigureAwait(false);
        command.Parameters.AddWithValue("$purged", purgedSeq);
        // The first record that must stay (newer, or held) ends the run that may go.
        command.CommandText = $"SELECT min(seq) FROM records WHERE workspace_id = $ws AND seq > $purged AND (occurred_at >= $cutoff{held})";
        var keep = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long first ? first : headSeq + 1;
        var through = keep - 1;
        if (through <= purgedSeq)
        {
            return new MetadataPurgeResult(0, purgedSeq, [], 0);
        }

        command.Parameters.AddWithValue("$through", through);
        command.CommandText = "SELECT chain_sha256 FROM records WHERE workspace_id = $ws AND seq = $through";
        var hash = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
                   ?? throw new InvalidOperationException($"Workspace '{workspaceId}' has no chained record at seq {through}; run 'agentledger verify'.");
        command.CommandText = "DELETE FROM records WHERE workspace_id = $ws AND seq > $purged AND seq <= $through";
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        // A finding holds no content, but it names the user and record: it goes with the record's metadata.
        command.CommandText = "DELETE FROM dlp_findings WHERE workspace_id = $ws AND seq > $purged AND seq <= $through";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.Parameters.AddWithValue("$hash", hash);
        command.CommandText = "UPDATE record_chain_heads SET purged_seq = $through, purged_sha256 = $hash WHERE workspace_id = $ws";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var files = await PurgeFilesAsync(connection, transaction, workspaceId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MetadataPurgeResult(deleted, through, [], files);
    }

    /// <summary>
    /// Empties sealed CODEX_LOG files none of whose records still has content (purged or deleted): the file's row, with its
    /// SHA-256, range and chain head, stays as evidence of what was there.
    /// </summary>
    private static async Task<long> PurgeFilesAsync(
        SqliteConnection connection, SqliteTransaction transaction, string workspaceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE compliance_log_files SET content = X'', content_purged_at = $now
            WHERE workspace_id = $ws AND event_type = $type AND content_purged_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM records r WHERE r.workspace_id = $ws AND r.seq BETWEEN compliance_log_files.first_seq
                              AND compliance_log_files.last_seq AND r.content_purged_at IS NULL)
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$now", SqliteTime.ToMicros(now));
        command.Parameters.AddWithValue("$type", ComplianceLogTypes.Of(ComplianceLogType.CodexLog));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string workspaceId, DateTimeOffset cutoff)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$cutoff", SqliteTime.ToMicros(cutoff));
        return command;
    }

    /// <summary>" AND NOT (hold 1) AND NOT (hold 2) …" over the active holds, parameters added to <paramref name="command"/>.</summary>
    private static async Task<string> NotHeldAsync(SqliteConnection connection, SqliteTransaction transaction, string workspaceId, SqliteCommand command)
    {
        var sql = new StringBuilder();
        foreach (var hold in await SqliteLegalHoldStore.ListAsync(connection, transaction, workspaceId, includeReleased: false).ConfigureAwait(false))
        {
            sql.Append(" AND NOT (1 = 1").Append(SqliteRecordFilterSql.Where(hold.Filter, command)).Append(')');
        }

        return sql.ToString();
    }

    /// <summary>" OR (hold 1) OR (hold 2) …" over the active holds.</summary>
    private static async Task<string> HeldAsync(SqliteConnection connection, SqliteTransaction transaction, string workspaceId, SqliteCommand command)
    {
        var sql = new StringBuilder();
        foreach (var hold in await SqliteLegalHoldStore.ListAsync(connection, transaction, workspaceId, includeReleased: false).ConfigureAwait(false))
        {
            sql.Append(" OR (1 = 1").Append(SqliteRecordFilterSql.Where(hold.Filter, command)).Append(')');
        }

        return sql.ToString();
    }
}
