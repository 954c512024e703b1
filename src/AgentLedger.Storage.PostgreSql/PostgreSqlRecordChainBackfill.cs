using AgentLedger.Core.Integrity;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Hashes records stored before migration 5 into the chain, in seq order, a page per transaction under the workspace's
/// row lock (so a writer of another instance waits instead of linking to a head that is still moving). Runs from the
/// migrator; it resumes from the stored head, so an interrupted run simply continues.
/// </summary>
internal static class PostgreSqlRecordChainBackfill
{
    private const int PageSize = 1000;

    public static async Task<long> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var behind = new List<string>();
        await using (var find = new NpgsqlCommand("""
            SELECT w.workspace_id FROM workspaces w LEFT JOIN record_chain_heads h ON h.workspace_id = w.workspace_id
            WHERE w.last_seq > coalesce(h.head_seq, 0)
            """, connection))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                behind.Add(reader.GetString(0));
            }
        }

        var total = 0L;
        foreach (var workspaceId in behind)
        {
            while (true)
            {
                var chained = await ChainPageAsync(connection, workspaceId, cancellationToken).ConfigureAwait(false);
                total += chained;
                if (chained < PageSize)
                {
                    break;
                }
            }
        }

        return total;
    }

    private static async Task<int> ChainPageAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM workspaces WHERE workspace_id = $1 FOR NO KEY UPDATE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            await lockRow.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long headSeq = 0;
        var head = RecordChain.Genesis.ToArray();
        await using (var read = new NpgsqlCommand("SELECT head_seq, head_sha256 FROM record_chain_heads WHERE workspace_id = $1", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                headSeq = reader.GetInt64(0);
                head = (byte[])reader.GetValue(1);
            }
        }

        var rows = await PostgreSqlRecordChainStore.ReadAsync(connection, transaction, workspaceId, headSeq, PageSize, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        var seqs = new long[rows.Count];
        var times = new DateTime[rows.Count];
        var contents = new byte[rows.Count][];
        var chains = new byte[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var record = rows[i].Record;
            if (record.Seq != headSeq + 1)
            {
                throw new InvalidOperationException(
                    $"Workspace '{workspaceId}' has no record at seq {headSeq + 1}; the chain cannot be built past it.");
            }

            contents[i] = RecordChain.ContentHash(record);
            head = RecordChain.Link(head, record, contents[i]);
            chains[i] = head;
            headSeq = record.Seq;
            seqs[i] = record.Seq;
            times[i] = record.OccurredAt.UtcDateTime;
        }

        // occurred_at is the partition key: matching on it lets each row be found in its own partition.
        await using (var update = new NpgsqlCommand("""
            UPDATE records AS r SET content_sha256 = v.content, chain_sha256 = v.chain
            FROM unnest($2::bigint[], $3::timestamptz[], $4::bytea[], $5::bytea[]) AS v (seq, occurred_at, content, chain)
            WHERE r.workspace_id = $1 AND r.seq = v.seq AND r.occurred_at = v.occurred_at
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
            update.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = times });
            update.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = contents });
            update.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = chains });
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var save = new NpgsqlCommand("""
            INSERT INTO record_chain_heads (workspace_id, head_seq, head_sha256) VALUES ($1, $2, $3)
            ON CONFLICT (workspace_id) DO UPDATE SET head_seq = excluded.head_seq, head_sha256 = excluded.head_sha256
            """, connection, transaction))
        {
            save.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            save.Parameters.Add(new NpgsqlParameter { Value = headSeq });
            save.Parameters.Add(new NpgsqlParameter { Value = head });
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }
}
