using AgentLedger.Core.Integrity;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    /// <summary>
    /// The prepared statements and per-transaction caches of one group commit. Statements are prepared once per
    /// batch and re-bound per row: the hot path avoids Dapper's per-call parameter reflection.
    /// </summary>
    private sealed partial class WriteBatch : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly long _now;
        private readonly Dictionary<string, long> _lastSeq = [];
        private readonly Dictionary<(string, string), string> _userByIdentifier = [];
        private readonly Dictionary<(string, string), string?> _teamByUser = [];
        private readonly SqliteCommand _eventExists;
        private readonly SqliteCommand _findIdentifier;
        private readonly SqliteCommand _insertIdentifier;
        private readonly SqliteCommand _insertUser;
        private readonly SqliteCommand _findTeam;
        private readonly SqliteCommand _startSession;
        private readonly SqliteCommand _insertRecord;

        public WriteBatch(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
        {
            _connection = connection;
            _transaction = transaction;
            _now = SqliteTime.ToMicros(now);
            _eventExists = Prepare("SELECT 1 FROM records WHERE workspace_id = $ws AND event_id = $event", "$ws", "$event");
            _findIdentifier = Prepare("SELECT user_id FROM user_identifiers WHERE workspace_id = $ws AND identifier = $id", "$ws", "$id");
            _insertIdentifier = Prepare(
                "INSERT OR IGNORE INTO user_identifiers (workspace_id, identifier, user_id) VALUES ($ws, $id, $user)", "$ws", "$id", "$user");
            _insertUser = Prepare(
                "INSERT INTO users (workspace_id, user_id, email, display_name, team, created_at) VALUES ($ws, $user, $email, $name, NULL, $at)",
                "$ws", "$user", "$email", "$name", "$at");
            _findTeam = Prepare("SELECT team FROM users WHERE workspace_id = $ws AND user_id = $user", "$ws", "$user");
            _startSession = Prepare(
                """
                INSERT INTO sessions (workspace_id, session_id, first_seq, first_occurred_at, user_id, client_id)
                VALUES ($ws, $session, $seq, $at, $user, $client) ON CONFLICT DO NOTHING
                """,
                "$ws", "$session", "$seq", "$at", "$user", "$client");
            _insertRecord = Prepare(InsertChainedSql, InsertChainedParameters);
        }

        public bool EventExists(string workspaceId, string eventId)
        {
            Bind(_eventExists, workspaceId, eventId);
            return _eventExists.ExecuteScalar() is not null;
        }

        public long NextSeq(string workspaceId)
        {
            if (!_lastSeq.TryGetValue(workspaceId, out var last))
            {
                using var command = _connection.CreateCommand();
                command.Transaction = _transaction;
                command.CommandText = "SELECT last_seq FROM workspaces WHERE workspace_id = $ws";
                command.Parameters.AddWithValue("$ws", workspaceId);
                last = command.ExecuteScalar() is long value
                    ? value
                    : throw new InvalidOperationException($"Workspace '{workspaceId}' does not exist.");
            }

            _lastSeq[workspaceId] = ++last;
            return last;
        }

        public void SaveSequences()
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "UPDATE workspaces SET last_seq = $seq WHERE workspace_id = $ws";
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            var ws = command.Parameters.Add("$ws", SqliteType.Text);
            foreach (var (workspaceId, last) in _lastSeq)
            {
                seq.Value = last;
                ws.Value = workspaceId;
                command.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// Finds the directory user behind an identity, or creates one. Every identifier of the identity is linked
        /// to the user found by the most authoritative one, so a person seen by e-mail and by account id is one user.
        /// </summary>
        public (string? UserId, string? Team) ResolveUser(string workspaceId, ActorIdentity actor)
        {
            var keys = actor.Keys();
            if (keys.Count == 0)
            {
                return (null, null);
            }

            string? userId = null;
            var unlinked = new List<string>(keys.Count);
            foreach (var key in keys)
            {
                var found = FindUserByIdentifier(workspaceId, key);
                if (found is null)
                {
                    unlinked.Add(key);
                }
                else
                {
                    userId ??= found;
                }
            }

            if (userId is null)
            {
                userId = "user-" + Guid.CreateVersion7().ToString("N");
                Bind(_insertUser, workspaceId, userId, ActorIdentity.NormalizeEmail(actor.Email), actor.DisplayName, _now);
                _insertUser.ExecuteNonQuery();
                _teamByUser[(workspaceId, userId)] = null;
            }

            foreach (var key in unlinked)
            {
                Bind(_insertIdentifier, workspaceId, key, userId);
                _insertIdentifier.ExecuteNonQuery();
                _userByIdentifier[(workspaceId, key)] = userId;
            }

            return (userId, TeamOf(workspaceId, userId));
        }

        public bool TryStartSession(ActivityRecord record)
        {
            Bind(_startSession, record.WorkspaceId, record.SessionId, record.Seq, SqliteTime.ToMicros(record.OccurredAt), record.UserId,
                WireNames.Of(record.ClientId));
            return _startSession.ExecuteNonQuery() == 1;
        }

        public void InsertRecord(ActivityRecord record)
        {
            // Serialised once: the row stores these texts and the chain hash covers the same bytes.
            var actorJson = RecordChain.ActorJsonOf(record);
            var attributesJson = record.Attributes?.ToJsonString();
            SqliteRecordColumns.Bind(_insertRecord, record, actorJson, attributesJson);
            BindChain(_insertRecord, record, actorJson, attributesJson);
            _insertRecord.ExecuteNonQuery();
        }

        public void UpsertRollups(UsageRollupAccumulator accumulator)
        {
            if (accumulator.Count == 0)
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = SqliteRollupSql.Upsert;
            var keyParameters = new[] { "$ws", "$hour", "$user", "$team", "$client", "$model", "$agent", "$surface" }
                .Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
            var measureParameters = UsageMeasures.Columns.Select(c => command.Parameters.Add("$" + c.Name, SqliteType.Integer)).ToArray();
            command.Prepare();
            foreach (var ((workspaceId, key), measures) in accumulator.Rows)
            {
                keyParameters[0].Value = workspaceId;
                keyParameters[1].Value = key.HourStart.ToUnixTimeSeconds();
                keyParameters[2].Value = key.UserId;
                keyParameters[3].Value = key.Team;
                keyParameters[4].Value = WireNames.Of(key.ClientId);
                keyParameters[5].Value = key.Model;
                keyParameters[6].Value = WireNames.Of(key.Agent);
                keyParameters[7].Value = WireNames.Of(key.Surface);
                for (var c = 0; c < measureParameters.Length; c++)
                {
                    var column = UsageMeasures.Columns[c];
                    var value = column.Get(measures);
                    measureParameters[c].Value = column.IsMoney ? SqliteMoney.ToMicros(value) : (long)value;
                }

                command.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            _eventExists.Dispose();
            _findIdentifier.Dispose();
            _insertIdentifier.Dispose();
            _insertUser.Dispose();
            _findTeam.Dispose();
            _startSession.Dispose();
            _insertRecord.Dispose();
            DisposeReviewStatements();
            DisposeDlpStatements();
        }

        private string? FindUserByIdentifier(string workspaceId, string key)
        {
            if (_userByIdentifier.TryGetValue((workspaceId, key), out var cached))
            {
                return cached;
            }

            Bind(_findIdentifier, workspaceId, key);
            var found = _findIdentifier.ExecuteScalar() as string;
            if (found is not null)
            {
                _userByIdentifier[(workspaceId, key)] = found;
            }

            return found;
        }

        private string? TeamOf(string workspaceId, string userId)
        {
            if (!_teamByUser.TryGetValue((workspaceId, userId), out var team))
            {
                Bind(_findTeam, workspaceId, userId);
                team = _findTeam.ExecuteScalar() as string;
                _teamByUser[(workspaceId, userId)] = team;
            }

            return team;
        }

        private SqliteCommand Prepare(string sql, params string[] parameterNames)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        private static void Bind(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }
}
