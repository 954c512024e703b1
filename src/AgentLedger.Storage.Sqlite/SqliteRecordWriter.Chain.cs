using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    /// <summary>The record INSERT with the two hash columns after the record's own.</summary>
    private static readonly string InsertChainedSql =
        SqliteRecordColumns.InsertSql.Replace(") VALUES (", ", content_sha256, chain_sha256) VALUES (", StringComparison.Ordinal)[..^1]
        + ", $content_sha256, $chain_sha256)";

    private static readonly string[] InsertChainedParameters = [.. SqliteRecordColumns.Parameters, "$content_sha256", "$chain_sha256"];

    private sealed partial class WriteBatch
    {
        private readonly Dictionary<string, (long Seq, byte[] Hash)> _chainHead = new(StringComparer.Ordinal);

        /// <summary>
        /// Sets the hash parameters of the prepared insert for <paramref name="record"/>, which has just taken the
        /// next seq of its workspace: the content hash, and the chain hash linked to the previous record's.
        /// </summary>
        private void BindChain(SqliteRawStatement insert, ActivityRecord record, ReadOnlySpan<byte> actorUtf8, ReadOnlyMemory<byte>? attributesUtf8)
        {
            if (!_chainHead.TryGetValue(record.WorkspaceId, out var head))
            {
                head = LoadChainHead(record.WorkspaceId);
            }

            if (head.Seq != record.Seq - 1)
            {
                // The chain must cover every seq: a head behind the counter means records were stored unhashed.
                throw new InvalidOperationException(
                    $"The record chain of workspace '{record.WorkspaceId}' ends at seq {head.Seq}, not {record.Seq - 1}; run 'agentledger migrate'.");
            }

            var content = RecordChain.ContentHash(record, _hashScratch);
            var chain = RecordChain.Link(head.Hash, record, content, actorUtf8, attributesUtf8, _hashScratch);
            insert.Bind(insert.ParameterCount - 2, content);
            insert.Bind(insert.ParameterCount - 1, chain);
            _chainHead[record.WorkspaceId] = (record.Seq, chain);
        }

        /// <summary>Stores the new chain heads of the workspaces that got records; same transaction as the records.</summary>
        public void SaveChainHeads()
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """
                INSERT INTO record_chain_heads (workspace_id, head_seq, head_sha256) VALUES ($ws, $seq, $hash)
                ON CONFLICT (workspace_id) DO UPDATE SET head_seq = excluded.head_seq, head_sha256 = excluded.head_sha256
                """;
            var ws = command.Parameters.Add("$ws", SqliteType.Text);
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            var hash = command.Parameters.Add("$hash", SqliteType.Blob);
            foreach (var (workspaceId, head) in _chainHead)
            {
                ws.Value = workspaceId;
                seq.Value = head.Seq;
                hash.Value = head.Hash;
                command.ExecuteNonQuery();
            }
        }

        private (long Seq, byte[] Hash) LoadChainHead(string workspaceId)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "SELECT head_seq, head_sha256 FROM record_chain_heads WHERE workspace_id = $ws";
            command.Parameters.AddWithValue("$ws", workspaceId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, RecordChain.Genesis.ToArray());
        }
    }
}
