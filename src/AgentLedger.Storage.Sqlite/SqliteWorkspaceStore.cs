using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Workspaces, API keys and the user directory. Low-volume administrative data: plain Dapper.</summary>
public sealed class SqliteWorkspaceStore(SqliteDatabase database, TimeProvider time) : IWorkspaceStore, IDirectoryStore
{
    public async Task<Workspace> EnsureWorkspaceAsync(string workspaceId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO workspaces (workspace_id, name, created_at) VALUES (@workspaceId, @name, @at) ON CONFLICT DO NOTHING",
            new { workspaceId, name, at = SqliteTime.ToMicros(time.GetUtcNow()) }).ConfigureAwait(false);
        return (await FindWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Workspace?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<WorkspaceRow>(
            "SELECT workspace_id AS Id, name AS Name, created_at AS CreatedAt FROM workspaces WHERE workspace_id = @workspaceId",
            new { workspaceId }).ConfigureAwait(false);
        return row?.ToWorkspace();
    }

    public async Task<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WorkspaceRow>(
            "SELECT workspace_id AS Id, name AS Name, created_at AS CreatedAt FROM workspaces ORDER BY workspace_id").ConfigureAwait(false);
        return rows.Select(r => r.ToWorkspace()).ToList();
    }

    public async Task<bool> CreateWorkspaceAsync(string workspaceId, string name, string createdByWorkspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO workspaces (workspace_id, name, created_at, created_by_workspace_id) VALUES (@workspaceId, @name, @at, @createdByWorkspaceId)
            ON CONFLICT DO NOTHING
            """,
            new { workspaceId, name, at = SqliteTime.ToMicros(time.GetUtcNow()), createdByWorkspaceId }).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<Workspace>> ListWorkspacesCreatedByAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WorkspaceRow>(
            "SELECT workspace_id AS Id, name AS Name, created_at AS CreatedAt FROM workspaces WHERE created_by_workspace_id = @workspaceId ORDER BY workspace_id",
            new { workspaceId }).ConfigureAwait(false);
        return rows.Select(r => r.ToWorkspace()).ToList();
    }

    public async Task CreateApiKeyAsync(ApiKeyInfo key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (key_id, workspace_id, name, scopes, secret_hash, created_at)
            VALUES (@KeyId, @WorkspaceId, @Name, @Scopes, @SecretHash, @CreatedAt)
            """,
            new
            {
                key.KeyId, key.WorkspaceId, key.Name, Scopes = ApiKeyScopes.Format(key.Scopes), key.SecretHash,
                CreatedAt = SqliteTime.ToMicros(key.CreatedAt),
            }).ConfigureAwait(false);
    }

    public async Task<ApiKeyInfo?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(KeySelect + " WHERE key_id = @keyId", new { keyId }).ConfigureAwait(false);
        return row?.ToKey();
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(KeySelect + " WHERE workspace_id = @workspaceId ORDER BY created_at, key_id", new { workspaceId })
            .ConfigureAwait(false);
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeApiKeyAsync(string workspaceId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @at WHERE workspace_id = @workspaceId AND key_id = @keyId AND revoked_at IS NULL",
            new { workspaceId, keyId, at = SqliteTime.ToMicros(at) }).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> RecordApiKeyUseAsync(string keyId, DateTimeOffset at, TimeSpan minimumInterval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @at WHERE key_id = @keyId AND (last_used_at IS NULL OR last_used_at <= @before)",
            new { keyId, at = SqliteTime.ToMicros(at), before = SqliteTime.ToMicros(at - minimumInterval) }).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<IReadOnlyList<DirectoryUser>> UpsertUsersAsync(string workspaceId, IReadOnlyList<DirectoryUserUpdate> users, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = SqliteTime.ToMicros(time.GetUtcNow());
        var result = new List<DirectoryUser>(users.Count);
        foreach (var user in users)
        {
            var email = ActorIdentity.NormalizeEmail(user.Email)
                        ?? throw new ArgumentException("Every directory user needs a non-blank email.", nameof(users));
            var identifier = "email:" + email;
            var userId = await connection.ExecuteScalarAsync<string?>(
                "SELECT user_id FROM user_identifiers WHERE workspace_id = @workspaceId AND identifier = @identifier",
                new { workspaceId, identifier }, transaction).ConfigureAwait(false);
            if (userId is null)
            {
                userId = "user-" + Guid.CreateVersion7().ToString("N");
                await connection.ExecuteAsync(
                    """
                    INSERT INTO users (workspace_id, user_id, email, display_name, team, created_at) VALUES (@workspaceId, @userId, @email, @DisplayName, @Team, @now);
                    INSERT INTO user_identifiers (workspace_id, identifier, user_id) VALUES (@workspaceId, @identifier, @userId);
                    """,
                    new { workspaceId, userId, email, user.DisplayName, user.Team, now, identifier }, transaction).ConfigureAwait(false);
            }
            else
            {
                await connection.ExecuteAsync(
                    """
                    UPDATE users SET email = @email, display_name = coalesce(@DisplayName, display_name), team = @Team
                    WHERE workspace_id = @workspaceId AND user_id = @userId
                    """,
                    new { workspaceId, userId, email, user.DisplayName, user.Team }, transaction).ConfigureAwait(false);
            }

            var row = await connection.QuerySingleAsync<UserRow>(UserSelect + " WHERE workspace_id = @workspaceId AND user_id = @userId",
                new { workspaceId, userId }, transaction).ConfigureAwait(false);
            result.Add(row.ToUser());
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<DirectoryUser?> FindUserAsync(string workspaceId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(UserSelect + " WHERE workspace_id = @workspaceId AND user_id = @userId",
            new { workspaceId, userId }).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<DirectoryUser?> FindUserByIdentifierAsync(string workspaceId, string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            UserSelect + " WHERE workspace_id = @workspaceId AND user_id = (SELECT user_id FROM user_identifiers WHERE workspace_id = @workspaceId AND identifier = @identifier)",
            new { workspaceId, identifier }).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string workspaceId, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserRow>(
            UserSelect + " WHERE workspace_id = @workspaceId AND user_id > @after ORDER BY user_id LIMIT @limit",
            new { workspaceId, after = afterUserId ?? "", limit }).ConfigureAwait(false);
        return rows.Select(r => r.ToUser()).ToList();
    }

    private const string KeySelect =
        "SELECT key_id AS KeyId, workspace_id AS WorkspaceId, name AS Name, scopes AS Scopes, secret_hash AS SecretHash, created_at AS CreatedAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt FROM api_keys";

    private const string UserSelect =
        "SELECT workspace_id AS WorkspaceId, user_id AS UserId, email AS Email, display_name AS DisplayName, team AS Team, created_at AS CreatedAt FROM users";

    private sealed record WorkspaceRow(string Id, string Name, long CreatedAt)
    {
        public Workspace ToWorkspace() => new(Id, Name, SqliteTime.FromMicros(CreatedAt));
    }

    private sealed record KeyRow(
        string KeyId, string WorkspaceId, string Name, string Scopes, byte[] SecretHash, long CreatedAt, long? RevokedAt, long? LastUsedAt)
    {
        public ApiKeyInfo ToKey() => new(KeyId, WorkspaceId, Name, ApiKeyScopes.Parse(Scopes), SecretHash, SqliteTime.FromMicros(CreatedAt),
            RevokedAt is { } revoked ? SqliteTime.FromMicros(revoked) : null, LastUsedAt is { } used ? SqliteTime.FromMicros(used) : null);
    }

    private sealed record UserRow(string WorkspaceId, string UserId, string? Email, string? DisplayName, string? Team, long CreatedAt)
    {
        public DirectoryUser ToUser() => new(UserId, WorkspaceId, Email, DisplayName, Team, SqliteTime.FromMicros(CreatedAt));
    }
}
