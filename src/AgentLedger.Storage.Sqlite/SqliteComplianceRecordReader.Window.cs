using AgentLedger.Core.Compliance;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Where a time window's records start and end in seq order.</summary>
public sealed partial class SqliteComplianceRecordReader
{
    public async Task<long?> SeqInWindowAsync(
        string workspaceId, DateTimeOffset? from, DateTimeOffset? before, long afterSeq, long uptoSeq, bool last,
        CancellationToken cancellationToken)
    {
        // Bounds at the stored precision (microseconds), so that the probe and the index search agree on every record.
        from = from is { } f ? SqliteTime.FromMicros(SqliteTime.ToMicros(f)) : null;
        before = before is { } b ? SqliteTime.FromMicros(SqliteTime.ToMicros(b)) : null;
        var edge = new WindowEdgeProbe(from, before, afterSeq, uptoSeq, last);
        if (edge.RangeIsEmpty)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = $"""
                SELECT seq, occurred_at FROM records
                WHERE workspace_id = $ws AND seq > $after AND seq <= $upto
                ORDER BY seq{(last ? " DESC" : "")} LIMIT $probe
                """;
            probe.Parameters.AddWithValue("$ws", workspaceId);
            probe.Parameters.AddWithValue("$after", afterSeq);
            probe.Parameters.AddWithValue("$upto", uptoSeq);
            probe.Parameters.AddWithValue("$probe", WindowEdgeProbe.Size);
            await using var rows = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (edge.InWindow(rows.GetInt64(0), SqliteTime.FromMicros(rows.GetInt64(1))))
                {
                    return rows.GetInt64(0);
                }
            }

            if (edge.SawWholeRange)
            {
                return null;
            }
        }

        // INDEXED BY: with a seq range in the WHERE clause SQLite's planner prefers the primary key (workspace_id, seq)
        // and walks every record of the range testing occurred_at, which is the history the window should not cost
        // (EXPLAIN QUERY PLAN: "SEARCH records USING PRIMARY KEY (workspace_id=? AND seq>? AND seq<?)"; 29 s for the last
        // day of a 50M store). ix_records_occurred (workspace_id, occurred_at) of this WITHOUT ROWID table holds seq, so
        // this is a covering range scan of the window's index entries alone ("SEARCH records USING COVERING INDEX
        // ix_records_occurred (workspace_id=? AND occurred_at>?)").
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", edge.AfterSeq);
        command.Parameters.AddWithValue("$upto", edge.UptoSeq);
        var window = "";
        if (from is { } start)
        {
            window += " AND occurred_at >= $from";
            command.Parameters.AddWithValue("$from", SqliteTime.ToMicros(start));
        }

        if (before is { } end)
        {
            window += " AND occurred_at < $before";
            command.Parameters.AddWithValue("$before", SqliteTime.ToMicros(end));
        }

        command.CommandText = $"""
            SELECT {(last ? "max" : "min")}(seq) FROM records INDEXED BY ix_records_occurred
            WHERE workspace_id = $ws{window} AND seq > $after AND seq <= $upto
            """;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found ? found : null;
    }
}
