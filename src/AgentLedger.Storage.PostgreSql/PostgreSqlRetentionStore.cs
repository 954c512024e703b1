using System.Globalization;
using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Retention;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Retention on PostgreSQL. Content is cleared with one set-based UPDATE (partitions pruned on occurred_at). A metadata
/// purge drops a monthly partition whole when every row in it belongs to the run being purged (it ends before the
/// cutoff, and holds no other workspace's rows and nothing newer or held), and deletes the rest of the run row by row.
/// </summary>
public sealed class PostgreSqlRetentionStore(PostgreSqlDatabase database, PostgreSqlRecordPartitions partitions) : IRetentionStore
{
    public async Task<ContentPurgeResult> PurgeContentAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long purged;
        await using (var command = Command(connection, transaction, workspaceId, cutoff))
        {
            var notHeld = await HoldClausesAsync(connection, transaction, workspaceId, command, " AND NOT (true").ConfigureAwait(false);
            var nowParameter = Add(command, now.UtcDateTime);
            command.CommandText = $"""
                UPDATE records SET prompt_text = NULL, response_text = NULL, tool_input = NULL, tool_output = NULL, content_purged_at = {nowParameter}
                WHERE workspace_id = $1 AND occurred_at < $2 AND content_purged_at IS NULL{notHeld}
                """;
            purged = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var held = (long)(await ScalarAsync(connection, transaction,
            "SELECT count(*) FROM records WHERE workspace_id = $1 AND occurred_at < $2 AND content_purged_at IS NULL",
            cancellationToken, workspaceId, cutoff.UtcDateTime).ConfigureAwait(false))!;
        var files = await PurgeFilesAsync(connection, transaction, workspaceId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ContentPurgeResult(purged, files, held);
    }

    public async Task<MetadataPurgeResult> PurgeMetadataAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The partitions lock keeps partition creation out. The chain head row is not locked up front: one purge runs at a
        // time (job lease), writers never change purged_seq, and a writer holding the head row also holds its lock on
        // records, which a partition DROP waits for, so taking the row only at the end cannot deadlock with ingest.
        await ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", cancellationToken, PostgreSqlLockKeys.Partitions)
            .ConfigureAwait(false);
        long purgedSeq;
        long headSeq;
        await using (var head = new NpgsqlCommand(
            "SELECT purged_seq, head_seq FROM record_chain_heads WHERE workspace_id = $1", connection, transaction))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            await using var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new MetadataPurgeResult(0, 0, [], 0);
            }

            (purgedSeq, headSeq) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        long keep;
        await using (var command = Command(connection, transaction, workspaceId, cutoff))
        {
            var held = await HoldClausesAsync(connection, transaction, workspaceId, command, " OR (true").ConfigureAwait(false);
            var purgedParameter = Add(command, purgedSeq);
            // The first record that must stay (newer, or held) ends the run that may go.
            command.CommandText = $"SELECT min(seq) FROM records WHERE workspace_id = $1 AND seq > {purgedParameter} AND (occurred_at >= $2{held})";
            keep = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long first ? first : headSeq + 1;
        }

        var through = keep - 1;
        if (through <= purgedSeq)
        {
            return new MetadataPurgeResult(0, purgedSeq, [], 0);
        }

        var hash = await ScalarAsync(connection, transaction, "SELECT chain_sha256 FROM records WHERE workspace_id = $1 AND seq = $2",
                       cancellationToken, workspaceId, through).ConfigureAwait(false) as byte[]
                   ?? throw new InvalidOperationException($"Workspace '{workspaceId}' has no chained record at seq {through}; run 'agentledger verify'.");
        var dropped = await DropWholePartitionsAsync(connection, transaction, workspaceId, purgedSeq, through, cutoff, cancellationToken).ConfigureAwait(false);
        long deleted;
        await using (var delete = new NpgsqlCommand("DELETE FROM records WHERE workspace_id = $1 AND seq > $2 AND seq <= $3", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            delete.Parameters.Add(new NpgsqlParameter { Value = purgedSeq });
            delete.Parameters.Add(new NpgsqlParameter { Value = through });
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) + dropped.Rows;
        }

        // A finding holds no content, but it names the user and record: it goes with the record's metadata.
        await ScalarAsync(connection, transaction, "DELETE FROM dlp_findings WHERE workspace_id = $1 AND seq > $2 AND seq <= $3",
            cancellationToken, workspaceId, purgedSeq, through).ConfigureAwait(false);
        await ScalarAsync(connection, transaction, "UPDATE record_chain_heads SET purged_seq = $2, purged_sha256 = $3 WHERE workspace_id = $1",
            cancellationToken, workspaceId, through, hash).ConfigureAwait(false);
        var files = await PurgeFilesAsync(connection, transaction, workspaceId, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (dropped.Names.Count > 0)
        {
            partitions.Invalidate();
        }

        return new MetadataPurgeResult(deleted, through, dropped.Names, files);
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops each monthly partition that ends by the cutoff and whose every row is one of this workspace's records in the
    /// run (seq after the previous checkpoint, up to <paramref name="through"/>): nothing else can be lost with it.
    /// </summary>
    private static async Task<(List<string> Names, long Rows)> DropWholePartitionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceId, long purgedSeq, long through, DateTimeOffset cutoff,
        CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT child.relname FROM pg_inherits
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = 'records'::regclass AND child.relname ~ '^records_p[0-9]{6}$'
            ORDER BY child.relname
            """, connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                var month = int.Parse(name["records_p".Length..], CultureInfo.InvariantCulture);
                var end = new DateTime(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                if (end <= cutoff.UtcDateTime)
                {
                    candidates.Add(name);
                }
            }
        }

        var dropped = new List<string>();
        var rows = 0L;
        foreach (var name in candidates)
        {
            // The name comes from the catalogue and matched records_pYYYYMM above: nothing here can inject.
            await using var check = new NpgsqlCommand($"""
                SELECT count(*) FILTER (WHERE workspace_id = $1 AND seq > $2 AND seq <= $3), count(*) FROM {name}
                """, connection, transaction);
            check.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            check.Parameters.Add(new NpgsqlParameter { Value = purgedSeq });
            check.Parameters.Add(new NpgsqlParameter { Value = through });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var (ours, all) = (reader.GetInt64(0), reader.GetInt64(1));
            await reader.DisposeAsync().ConfigureAwait(false);
            if (ours == all && all > 0)
            {
                await using var drop = new NpgsqlCommand($"DROP TABLE {name}", connection, transaction);
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                dropped.Add(name);
                rows += all;
            }
        }

        return (dropped, rows);
    }

    private static async Task<long> PurgeFilesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE compliance_log_files f SET content = ''::bytea, content_purged_at = $2
            WHERE f.workspace_id = $1 AND f.event_type = $3 AND f.content_purged_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM records r WHERE r.workspace_id = $1 AND r.seq BETWEEN f.first_seq AND f.last_seq
                              AND r.content_purged_at IS NULL)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = ComplianceLogTypes.Of(ComplianceLogType.CodexLog) });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>$1 is the workspace and $2 the cutoff; the hold clauses number their parameters after them.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceId, DateTimeOffset cutoff)
    {
        var command = new NpgsqlCommand(null, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
        return command;
    }

    /// <summary>One clause per active hold, "<paramref name="open"/> … )" each, read in the purge's transaction.</summary>
    private static async Task<string> HoldClausesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceId, NpgsqlCommand command, string open)
    {
        var sql = new StringBuilder();
        foreach (var hold in await PostgreSqlLegalHoldStore.ListAsync(connection, transaction, workspaceId, includeReleased: false).ConfigureAwait(false))
        {
            sql.Append(open).Append(PostgreSqlRecordFilterSql.Where(hold.Filter, command)).Append(')');
        }

        return sql.ToString();
    }

    private static string Add<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count;
    }
}
