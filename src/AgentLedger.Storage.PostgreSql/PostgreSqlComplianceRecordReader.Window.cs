using AgentLedger.Core.Compliance;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Where a time window's records start and end in seq order.</summary>
public sealed partial class PostgreSqlComplianceRecordReader
{
    public async Task<long?> SeqInWindowAsync(
        string workspaceId, DateTimeOffset? from, DateTimeOffset? before, long afterSeq, long uptoSeq, bool last,
        CancellationToken cancellationToken)
    {
        var edge = new WindowEdgeProbe(from, before, afterSeq, uptoSeq, last);
        if (edge.RangeIsEmpty)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The edge is read as a merge of each partition's primary key (workspace_id, seq, occurred_at), from the index alone.
        await using (var probe = new NpgsqlCommand($"""
                         SELECT seq, occurred_at FROM records
                         WHERE workspace_id = $1 AND seq > $2 AND seq <= $3
                         ORDER BY seq{(last ? " DESC" : "")} LIMIT $4
                         """, connection))
        {
            probe.Parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
            probe.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
            probe.Parameters.Add(new NpgsqlParameter<long> { TypedValue = uptoSeq });
            probe.Parameters.Add(new NpgsqlParameter<int> { TypedValue = WindowEdgeProbe.Size });
            await using var rows = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (edge.InWindow(rows.GetInt64(0), rows.GetFieldValue<DateTimeOffset>(1)))
                {
                    return rows.GetInt64(0);
                }
            }

            if (edge.SawWholeRange)
            {
                return null;
            }
        }

        // The window's entries of ix_records_occurred (workspace_id, occurred_at), in the partitions the window touches, and
        // their rows for seq (PostgreSQL 15, EXPLAIN ANALYZE on 1M records over 90 days, docs/perf/compliance-window.md:
        // "Index Scan using records_p202611_workspace_id_occurred_at_idx … Index Cond: ((workspace_id = 'bench') AND
        // (occurred_at >= …))", 12 ms for the last day). Left to itself the planner prefers an index-only scan of the
        // primary key (workspace_id, seq, occurred_at), which holds occurred_at too but in seq order: it reads every entry
        // of each month the window touches (45 ms for the same day, growing with the month, not the window), or, for a
        // plain min(seq), walks the month in seq order up to the window. Hence min(seq + 0), which the min/max-to-LIMIT
        // rewrite does not apply to, and no index-only scans for this one statement. A window as wide as its partitions
        // becomes a scan of those partitions, which the read that follows reads anyway.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var planner = new NpgsqlCommand("SET LOCAL enable_indexonlyscan = off", connection, transaction))
        {
            await planner.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = edge.AfterSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = edge.UptoSeq });
        var window = "";
        if (from is { } start)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = start.UtcDateTime });
            window += $" AND occurred_at >= ${command.Parameters.Count}";
        }

        if (before is { } end)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = end.UtcDateTime });
            window += $" AND occurred_at < ${command.Parameters.Count}";
        }

        command.CommandText = $"""
            SELECT {(last ? "max" : "min")}(seq + 0) FROM records
            WHERE workspace_id = $1{window} AND seq > $2 AND seq <= $3
            """;
        var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found as long?;
    }
}
