using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The writer's part of the hash chain: under the workspace locks the commit already holds, reads each workspace's
/// chain head, links the new records to it in seq order, and stores the new heads, all in the commit's transaction.
/// </summary>
internal static class PostgreSqlRecordChainLinks
{
    /// <summary>The hashes of <paramref name="records"/> (seqs assigned, in seq order per workspace), and the new heads.</summary>
    public static async Task<(RecordHashes[] Hashes, Dictionary<string, (long Seq, byte[] Hash)> Heads)> LinkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, (long Seq, byte[] Hash)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT workspace_id, head_seq, head_sha256 FROM record_chain_heads WHERE workspace_id = ANY($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.WorkspaceId).Distinct(StringComparer.Ordinal).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                heads[reader.GetString(0)] = (reader.GetInt64(1), (byte[])reader.GetValue(2));
            }
        }

        var hashes = new RecordHashes[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var head = heads.TryGetValue(record.WorkspaceId, out var found) ? found : (0L, RecordChain.Genesis.ToArray());
            if (head.Item1 != record.Seq - 1)
            {
                // The chain must cover every seq: a head behind the counter means records were stored unhashed.
                throw new InvalidOperationException(
                    $"The record chain of workspace '{record.WorkspaceId}' ends at seq {head.Item1}, not {record.Seq - 1}; run 'agentledger migrate'.");
            }

            var content = RecordChain.ContentHash(record);
            var chain = RecordChain.Link(head.Item2, record, content);
            hashes[i] = new RecordHashes(content, chain);
            heads[record.WorkspaceId] = (record.Seq, chain);
        }

        return (hashes, heads);
    }

    public static async Task SaveHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, (long Seq, byte[] Hash)> heads, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO record_chain_heads (workspace_id, head_seq, head_sha256)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])
            ON CONFLICT (workspace_id) DO UPDATE SET head_seq = excluded.head_seq, head_sha256 = excluded.head_sha256
            """, connection, transaction);
        var list = heads.ToList();
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = list.Select(h => h.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(h => h.Value.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = list.Select(h => h.Value.Hash).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
