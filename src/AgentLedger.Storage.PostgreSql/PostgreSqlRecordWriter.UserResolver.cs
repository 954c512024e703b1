using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlRecordWriter
{
    /// <summary>
    /// Resolves actors to directory users for one commit: every identifier the batch mentions is looked up in one
    /// query, resolution happens in memory in arrival order (as on SQLite), and the users and links it creates are
    /// inserted in two statements. Runs under the workspace locks, so no other writer or directory update can create
    /// the same person meanwhile.
    /// </summary>
    private sealed class UserResolver
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly DateTime _now;
        private readonly Dictionary<(string, string), string> _userByIdentifier = [];
        private readonly Dictionary<(string, string), string?> _teamByUser = [];
        private readonly List<(string WorkspaceId, string UserId, string? Email, string? Name)> _newUsers = [];
        private readonly List<(string WorkspaceId, string Identifier, string UserId)> _newLinks = [];

        private UserResolver(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now)
        {
            _connection = connection;
            _transaction = transaction;
            _now = now.UtcDateTime;
        }

        public static async Task<UserResolver> LoadAsync(
            NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ActivityRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var resolver = new UserResolver(connection, transaction, now);
            var wanted = records.SelectMany(r => r.Actor.Keys().Select(k => (r.WorkspaceId, k))).Distinct().ToList();
            if (wanted.Count == 0)
            {
                return resolver;
            }

            await using var command = new NpgsqlCommand("""
                SELECT i.workspace_id, i.identifier, i.user_id, u.team
                FROM unnest($1::text[], $2::text[]) AS k (workspace_id, identifier)
                JOIN user_identifiers i ON i.workspace_id = k.workspace_id AND i.identifier = k.identifier
                LEFT JOIN users u ON u.workspace_id = i.workspace_id AND u.user_id = i.user_id
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = wanted.Select(w => w.WorkspaceId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = wanted.Select(w => w.k).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var workspaceId = reader.GetString(0);
                var userId = reader.GetString(2);
                resolver._userByIdentifier[(workspaceId, reader.GetString(1))] = userId;
                resolver._teamByUser[(workspaceId, userId)] = reader.IsDBNull(3) ? null : reader.GetString(3);
            }

            return resolver;
        }

        /// <summary>
        /// The directory user behind an identity, created if none is known. Every identifier of the identity is linked
        /// to the user found by the most authoritative one, so a person seen by e-mail and by account id is one user.
        /// </summary>
        public (string? UserId, string? Team) Resolve(string workspaceId, ActorIdentity actor)
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
                if (_userByIdentifier.TryGetValue((workspaceId, key), out var found))
                {
                    userId ??= found;
                }
                else
                {
                    unlinked.Add(key);
                }
            }

            if (userId is null)
            {
                userId = "user-" + Guid.CreateVersion7().ToString("N");
                _newUsers.Add((workspaceId, userId, ActorIdentity.NormalizeEmail(actor.Email), actor.DisplayName));
                _teamByUser[(workspaceId, userId)] = null;
            }

            foreach (var key in unlinked)
            {
                _userByIdentifier[(workspaceId, key)] = userId;
                _newLinks.Add((workspaceId, key, userId));
            }

            return (userId, _teamByUser.GetValueOrDefault((workspaceId, userId)));
        }

        public async Task SaveAsync(CancellationToken cancellationToken)
        {
            if (_newUsers.Count > 0)
            {
                await using var users = new NpgsqlCommand("""
                    INSERT INTO users (workspace_id, user_id, email, display_name, team, created_at)
                    SELECT w, u, e, n, NULL, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x (w, u, e, n)
                    """, _connection, _transaction);
                users.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _newUsers.Select(u => u.WorkspaceId).ToArray() });
                users.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _newUsers.Select(u => u.UserId).ToArray() });
                users.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = _newUsers.Select(u => u.Email).ToArray() });
                users.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = _newUsers.Select(u => u.Name).ToArray() });
                users.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = _now });
                await users.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_newLinks.Count > 0)
            {
                await using var links = new NpgsqlCommand("""
                    INSERT INTO user_identifiers (workspace_id, identifier, user_id)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
                    ON CONFLICT DO NOTHING
                    """, _connection, _transaction);
                links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _newLinks.Select(l => l.WorkspaceId).ToArray() });
                links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _newLinks.Select(l => l.Identifier).ToArray() });
                links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _newLinks.Select(l => l.UserId).ToArray() });
                await links.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
