using System.Buffers;
using System.Text.Json;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    /// <summary>
    /// The prepared statements and per-transaction caches of one group commit. The per-record statements are
    /// <see cref="SqliteRawStatement"/>s, prepared once per batch and bound by position (no per-call parameter lookup by
    /// name, no UTF-8 array per string); the actor and attributes JSON are written once, straight to UTF-8, and the row
    /// and the chain hash take the same bytes.
    /// </summary>
    private sealed partial class WriteBatch : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly long _now;
        private readonly Dictionary<string, long> _lastSeq = [];
        private readonly Dictionary<(string, string), string> _userByIdentifier = [];
        private readonly Dictionary<(string, string), string?> _teamByUser = [];
        private readonly HashSet<(string, string)> _sessionsSeen = [];
        private readonly SqliteRawStatement _eventExists;
        private readonly SqliteRawStatement _findIdentifier;
        private readonly SqliteRawStatement _insertIdentifier;
        private readonly SqliteRawStatement _insertUser;
        private readonly SqliteRawStatement _findTeam;
        private readonly SqliteRawStatement _startSession;
        private readonly SqliteRawStatement _insertRecord;
        private readonly ArrayBufferWriter<byte> _attributesUtf8 = new(16 * 1024);
        private readonly Utf8JsonWriter _attributesWriter;
        private readonly ArrayBufferWriter<byte> _hashScratch = new(16 * 1024);

        public WriteBatch(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
        {
            _connection = connection;
            _transaction = transaction;
            _now = SqliteTime.ToMicros(now);
            // Parameters are numbered in order of first appearance; each statement binds them in that order.
            _eventExists = new SqliteRawStatement(connection, "SELECT 1 FROM records WHERE workspace_id = $ws AND event_id = $event");
            _findIdentifier = new SqliteRawStatement(connection, "SELECT user_id FROM user_identifiers WHERE workspace_id = $ws AND identifier = $id");
            _insertIdentifier = new SqliteRawStatement(
                connection, "INSERT OR IGNORE INTO user_identifiers (workspace_id, identifier, user_id) VALUES ($ws, $id, $user)");
            _insertUser = new SqliteRawStatement(
                connection,
                "INSERT INTO users (workspace_id, user_id, email, display_name, team, created_at) VALUES ($ws, $user, $email, $name, NULL, $at)");
            _findTeam = new SqliteRawStatement(connection, "SELECT team FROM users WHERE workspace_id = $ws AND user_id = $user");
            _startSession = new SqliteRawStatement(
                connection,
                """
                INSERT INTO sessions (workspace_id, session_id, first_seq, first_occurred_at, user_id, client_id)
                VALUES ($ws, $session, $seq, $at, $user, $client) ON CONFLICT DO NOTHING
                """);
            _insertRecord = new SqliteRawStatement(connection, InsertChainedSql);
            if (_insertRecord.ParameterCount != InsertChainedParameters.Length)
            {
                throw new InvalidOperationException($"The record insert has {_insertRecord.ParameterCount} parameters, not {InsertChainedParameters.Length}.");
            }

            _attributesWriter = new Utf8JsonWriter(_attributesUtf8);
        }

        public bool EventExists(string workspaceId, string eventId)
        {
            _eventExists.Bind(0, workspaceId);
            _eventExists.Bind(1, eventId);
            return _eventExists.Exists();
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
                _insertUser.Bind(0, workspaceId);
                _insertUser.Bind(1, userId);
                _insertUser.Bind(2, ActorIdentity.NormalizeEmail(actor.Email));
                _insertUser.Bind(3, actor.DisplayName);
                _insertUser.Bind(4, _now);
                _insertUser.Execute();
                _teamByUser[(workspaceId, userId)] = null;
            }

            foreach (var key in unlinked)
            {
                _insertIdentifier.Bind(0, workspaceId);
                _insertIdentifier.Bind(1, key);
                _insertIdentifier.Bind(2, userId);
                _insertIdentifier.Execute();
                _userByIdentifier[(workspaceId, key)] = userId;
            }

            return (userId, TeamOf(workspaceId, userId));
        }

        public bool TryStartSession(ActivityRecord record)
        {
            // A session this transaction has already inserted or found is there: a second INSERT would change nothing.
            if (!_sessionsSeen.Add((record.WorkspaceId, record.SessionId!)))
            {
                return false;
            }

            _startSession.Bind(0, record.WorkspaceId);
            _startSession.Bind(1, record.SessionId);
            _startSession.Bind(2, record.Seq);
            _startSession.Bind(3, SqliteTime.ToMicros(record.OccurredAt));
            _startSession.Bind(4, record.UserId);
            _startSession.Bind(5, WireNames.Of(record.ClientId));
            return _startSession.Execute() == 1;
        }

        public void InsertRecord(ActivityRecord record)
        {
            // Serialised once, to UTF-8: the row stores these texts and the chain hash covers the same bytes. The bytes are
            // those of Attributes.ToJsonString() (which writes the same Utf8JsonWriter output with default options, then
            // decodes it to a string that SQLite would get re-encoded).
            var actorUtf8 = RecordChain.ActorJsonUtf8Of(record);
            ReadOnlyMemory<byte>? attributesUtf8 = null;
            if (record.Attributes is { } attributes)
            {
                _attributesUtf8.ResetWrittenCount();
                _attributesWriter.Reset(_attributesUtf8);
                attributes.WriteTo(_attributesWriter);
                _attributesWriter.Flush();
                attributesUtf8 = _attributesUtf8.WrittenMemory;
            }

            SqliteRecordColumns.Bind(_insertRecord, record, actorUtf8, attributesUtf8);
            BindChain(_insertRecord, record, actorUtf8, attributesUtf8);
            _insertRecord.Execute();
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
            var measureParameters = AddMeasureParameters(command);
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
                BindMeasures(measureParameters, measures);

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
            _attributesWriter.Dispose();
            DisposeReviewStatements();
            DisposeDlpStatements();
        }

        private string? FindUserByIdentifier(string workspaceId, string key)
        {
            if (_userByIdentifier.TryGetValue((workspaceId, key), out var cached))
            {
                return cached;
            }

            _findIdentifier.Bind(0, workspaceId);
            _findIdentifier.Bind(1, key);
            var found = _findIdentifier.ScalarText();
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
                _findTeam.Bind(0, workspaceId);
                _findTeam.Bind(1, userId);
                team = _findTeam.ScalarText();
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
