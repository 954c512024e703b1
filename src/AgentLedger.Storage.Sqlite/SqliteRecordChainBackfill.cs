using AgentLedger.Core.Integrity;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Hashes records stored before migration 5 into the chain, in seq order, a page per transaction. Runs from the
/// migrator, before the server writes; it resumes from the stored head, so an interrupted run simply continues.
/// SQLite has no SHA-256 in SQL, so the hashes are computed here from the records as read back.
/// </summary>
internal static class SqliteRecordChainBackfill
{
    private const int PageSize = 1000;

    /// <summary>Returns how many records were chained.</summary>
    public static async Task<long> RunAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var behind = new List<string>();
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = """
                SELECT w.workspace_id FROM workspaces w LEFT JOIN record_chain_heads h ON h.workspace_id = w.workspace_id
                WHERE w.last_seq > coalesce(h.head_seq, 0)
                """;
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

    private static async Task<int> ChainPageAsync(SqliteConnection connection, string workspaceId, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        long headSeq = 0;
        var head = RecordChain.Genesis.ToArray();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT head_seq, head_sha256 FROM record_chain_heads WHERE workspace_id = $ws";
            read.Parameters.AddWithValue("$ws", workspaceId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                headSeq = reader.GetInt64(0);
                head = (byte[])reader.GetValue(1);
            }
        }

        var rows = await SqliteRecordChainStore.ReadAsync(connection, transaction, workspaceId, headSeq, PageSize, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE records SET content_sha256 = $content, chain_sha256 = $chain WHERE workspace_id = $ws AND seq = $seq";
        var content = update.Parameters.Add("$content", SqliteType.Blob);
        var chain = update.Parameters.Add("$chain", SqliteType.Blob);
        update.Parameters.AddWithValue("$ws", workspaceId);
        var seq = update.Parameters.Add("$seq", SqliteType.Integer);
        foreach (var row in rows)
        {
            if (row.Record.Seq != headSeq + 1)
            {
                throw new InvalidOperationException(
                    $"Workspace '{workspaceId}' has no record at seq {headSeq + 1}; the chain cannot be built past it.");
            }

            var contentHash = RecordChain.ContentHash(row.Record);
            head = RecordChain.Link(head, row.Record, contentHash);
            headSeq = row.Record.Seq;
            content.Value = contentHash;
            chain.Value = head;
            seq.Value = headSeq;
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var save = connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = """
            INSERT INTO record_chain_heads (workspace_id, head_seq, head_sha256) VALUES ($ws, $seq, $hash)
            ON CONFLICT (workspace_id) DO UPDATE SET head_seq = excluded.head_seq, head_sha256 = excluded.head_sha256
            """;
        save.Parameters.AddWithValue("$ws", workspaceId);
        save.Parameters.AddWithValue("$seq", headSeq);
        save.Parameters.AddWithValue("$hash", head);
        await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }
}
