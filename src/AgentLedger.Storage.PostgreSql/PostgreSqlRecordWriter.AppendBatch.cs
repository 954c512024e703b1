using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlRecordWriter
{
    /// <summary>
    /// The statements of one commit. Each is set-based (arrays unnested server-side, or COPY), so a commit costs a
    /// fixed number of round trips whatever its size.
    /// </summary>
    private sealed class AppendBatch(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        private readonly Dictionary<string, long> _lockedSeq = new(StringComparer.Ordinal);

        /// <summary>
        /// Locks the counter rows of the workspaces, in workspace-id order (byte order, the same in every instance),
        /// and returns their last seq. FOR NO KEY UPDATE conflicts with other writers and the directory, not with
        /// foreign-key checks, so creating an API key does not wait for ingest.
        /// </summary>
        public async Task<Dictionary<string, long>> LockWorkspacesAsync(IEnumerable<string> workspaceIds, CancellationToken cancellationToken)
        {
            var ids = workspaceIds.Distinct(StringComparer.Ordinal).ToArray();
            await using var command = Command("""
                SELECT workspace_id, last_seq FROM workspaces
                WHERE workspace_id = ANY($1)
                ORDER BY workspace_id COLLATE "C"
                FOR NO KEY UPDATE
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _lockedSeq[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            foreach (var id in ids)
            {
                if (!_lockedSeq.ContainsKey(id))
                {
                    throw new InvalidOperationException($"Workspace '{id}' does not exist.");
                }
            }

            return new Dictionary<string, long>(_lockedSeq, StringComparer.Ordinal);
        }

        /// <summary>Before this item time (Unix ms) an OTLP item may be stored under its hash-only id (<see cref="OtlpEventIds"/>); 0: none is.</summary>
        public async Task<long> ReadLegacyOtlpMarkAsync(CancellationToken cancellationToken)
        {
            await using var command = Command("SELECT value FROM store_marks WHERE name = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = OtlpEventIds.LegacyMarkName });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long mark ? mark : 0;
        }

        /// <summary>
        /// The (workspace, event id) pairs of the batch that are already stored: under the id itself, or, for an OTLP item
        /// timed before <paramref name="legacyBefore"/>, under the hash-only id an older server gave it.
        /// </summary>
        public async Task<HashSet<(string, string)>> FindStoredEventsAsync(IReadOnlyList<ActivityRecord> records, long legacyBefore, CancellationToken cancellationToken)
        {
            var workspaceIds = new List<string>(records.Count);
            var eventIds = new List<string>(records.Count);
            var legacyOf = new Dictionary<(string, string), string>();
            foreach (var record in records)
            {
                workspaceIds.Add(record.WorkspaceId);
                eventIds.Add(record.EventId);
                if (OtlpEventIds.TryGetLegacyToProbe(record.EventId, legacyBefore, out var legacyId))
                {
                    workspaceIds.Add(record.WorkspaceId);
                    eventIds.Add(legacyId);
                    legacyOf[(record.WorkspaceId, legacyId)] = record.EventId;
                }
            }

            await using var command = Command("""
                SELECT e.workspace_id, e.event_id
                FROM unnest($1::text[], $2::text[]) AS k (workspace_id, event_id)
                JOIN record_event_ids e ON e.workspace_id = k.workspace_id AND e.event_id = k.event_id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceIds.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = eventIds.ToArray() });
            var found = new HashSet<(string, string)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                found.Add(legacyOf.TryGetValue(key, out var eventId) ? (key.Item1, eventId) : key);
            }

            return found;
        }

        /// <summary>
        /// Records the first stored record of each session that is new; returns the (workspace, seq) of the records
        /// that start a thread.
        /// </summary>
        public async Task<HashSet<(string, long)>> StartSessionsAsync(List<ActivityRecord> records, CancellationToken cancellationToken)
        {
            var firsts = new Dictionary<(string, string), ActivityRecord>();
            foreach (var record in records)
            {
                if (record.SessionId is not null)
                {
                    firsts.TryAdd((record.WorkspaceId, record.SessionId), record);
                }
            }

            var starts = new HashSet<(string, long)>();
            if (firsts.Count == 0)
            {
                return starts;
            }

            var candidates = firsts.Values.ToList();
            await using var command = Command("""
                INSERT INTO sessions (workspace_id, session_id, first_seq, first_occurred_at, user_id, client_id)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[])
                ON CONFLICT DO NOTHING
                RETURNING workspace_id, first_seq
                """);
            AddArray(command, candidates.Select(r => r.WorkspaceId));
            AddArray(command, candidates.Select(r => r.SessionId!));
            AddArray(command, candidates.Select(r => r.Seq));
            AddArray(command, candidates.Select(r => r.OccurredAt.UtcDateTime));
            AddArray(command, candidates.Select(r => r.UserId));
            AddArray(command, candidates.Select(r => WireNames.Of(r.ClientId)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                starts.Add((reader.GetString(0), reader.GetInt64(1)));
            }

            return starts;
        }

        public async Task InsertRecordsAsync(List<ActivityRecord> records, RecordHashes[] hashes, bool copy, CancellationToken cancellationToken)
        {
            if (copy)
            {
                // COPY routes each row to its monthly partition. No staging table is needed: dedupe was decided above,
                // under the workspace locks, and record_event_ids' keys would reject anything that slipped through.
                await using var importer = await connection.BeginBinaryImportAsync(PostgreSqlRecordColumns.CopyChainedSql, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < records.Count; i++)
                {
                    await PostgreSqlRecordColumns.WriteRowAsync(importer, records[i], hashes[i], cancellationToken).ConfigureAwait(false);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = 0; i < records.Count; i++)
            {
                batch.BatchCommands.Add(PostgreSqlRecordColumns.InsertCommand(records[i], hashes[i]));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The idempotency keys; a plain INSERT, so a key stored twice fails the commit instead of hiding.</summary>
        public async Task InsertEventIdsAsync(List<ActivityRecord> records, CancellationToken cancellationToken)
        {
            await using var command = Command("""
                INSERT INTO record_event_ids (workspace_id, event_id, seq, occurred_at)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[])
                """);
            AddArray(command, records.Select(r => r.WorkspaceId));
            AddArray(command, records.Select(r => r.EventId));
            AddArray(command, records.Select(r => r.Seq));
            AddArray(command, records.Select(r => r.OccurredAt.UtcDateTime));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task UpsertRollupsAsync(UsageRollupAccumulator accumulator, CancellationToken cancellationToken)
        {
            if (accumulator.Count == 0)
            {
                return;
            }

            var rows = accumulator.Rows.ToList();
            await using var command = Command(PostgreSqlRollupSql.Upsert);
            AddArray(command, rows.Select(r => r.Key.WorkspaceId));
            AddArray(command, rows.Select(r => r.Key.Key.HourStart.UtcDateTime));
            AddArray(command, rows.Select(r => r.Key.Key.UserId));
            AddArray(command, rows.Select(r => r.Key.Key.Team));
            AddArray(command, rows.Select(r => WireNames.Of(r.Key.Key.ClientId)));
            AddArray(command, rows.Select(r => r.Key.Key.Model));
            AddArray(command, rows.Select(r => WireNames.Of(r.Key.Key.Agent)));
            AddArray(command, rows.Select(r => WireNames.Of(r.Key.Key.Surface)));
            foreach (var column in UsageMeasures.Columns)
            {
                if (column.IsMoney)
                {
                    AddArray(command, rows.Select(r => column.Get(r.Value)));
                }
                else
                {
                    AddArray(command, rows.Select(r => (long)column.Get(r.Value)));
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Advances the counters of the workspaces that got records; still under their locks.</summary>
        public async Task SaveSequencesAsync(Dictionary<string, long> lastSeq, CancellationToken cancellationToken)
        {
            var changed = lastSeq.Where(p => p.Value != _lockedSeq[p.Key]).ToList();
            await using var command = Command("""
                UPDATE workspaces AS w SET last_seq = v.last_seq
                FROM unnest($1::text[], $2::bigint[]) AS v (workspace_id, last_seq)
                WHERE w.workspace_id = v.workspace_id
                """);
            AddArray(command, changed.Select(p => p.Key));
            AddArray(command, changed.Select(p => p.Value));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        private NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

        private static void AddArray<T>(NpgsqlCommand command, IEnumerable<T> values) =>
            command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values.ToArray() });
    }
}
