namespace AgentLedger.Storage.Sqlite;

/// <summary>Where a time window's records start and end in seq order.</summary>
public sealed partial class SqliteComplianceRecordReader
{
    /// <summary>Records looked at in seq order before the window is searched through its time index.</summary>
    public const int ProbeSize = 32;

    public Task<long?> FirstSeqInWindowAsync(
        string workspaceId, DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq,
        CancellationToken cancellationToken) =>
        SeqInWindowAsync(workspaceId, occurredFrom, occurredBefore, afterSeq, uptoSeq, last: false, cancellationToken);

    public Task<long?> LastSeqInWindowAsync(
        string workspaceId, DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq,
        CancellationToken cancellationToken) =>
        SeqInWindowAsync(workspaceId, occurredFrom, occurredBefore, afterSeq, uptoSeq, last: true, cancellationToken);

    private async Task<long?> SeqInWindowAsync(
        string workspaceId, DateTimeOffset? from, DateTimeOffset? before, long afterSeq, long uptoSeq, bool last,
        CancellationToken cancellationToken)
    {
        if (afterSeq >= uptoSeq)
        {
            return null;
        }

        var fromMicros = from is { } f ? SqliteTime.ToMicros(f) : (long?)null;
        var beforeMicros = before is { } b ? SqliteTime.ToMicros(b) : (long?)null;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The records at the range's edge, by the primary key. Records mostly arrive in time order, so when a cursor is
        // already inside the window (every page after a window's first) one of these answers in a few page reads.
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
            probe.Parameters.AddWithValue("$probe", ProbeSize);
            await using var rows = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var seen = 0;
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seen++;
                var seq = rows.GetInt64(0);
                var occurredAt = rows.GetInt64(1);
                if ((fromMicros is null || occurredAt >= fromMicros) && (beforeMicros is null || occurredAt < beforeMicros))
                {
                    return seq;
                }

                (afterSeq, uptoSeq) = last ? (afterSeq, seq - 1) : (seq, uptoSeq);
            }

            if (seen < ProbeSize || afterSeq >= uptoSeq)
            {
                // the probe saw every record of the range
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
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$upto", uptoSeq);
        var window = "";
        if (fromMicros is { } start)
        {
            window += " AND occurred_at >= $from";
            command.Parameters.AddWithValue("$from", start);
        }

        if (beforeMicros is { } end)
        {
            window += " AND occurred_at < $before";
            command.Parameters.AddWithValue("$before", end);
        }

        command.CommandText = $"""
            SELECT {(last ? "max" : "min")}(seq) FROM records INDEXED BY ix_records_occurred
            WHERE workspace_id = $ws{window} AND seq > $after AND seq <= $upto
            """;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found ? found : null;
    }
}
