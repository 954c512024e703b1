using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using Dapper;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Workspaces, API keys and the user directory. Low-volume administrative data: plain Dapper.</summary>
public sealed class PostgreSqlWorkspaceStore(PostgreSqlDatabase database, TimeProvider time) : IWorkspaceStore, IDirectoryStore
{
    private const string WorkspaceSelect = "SELECT workspace_id AS Id, name AS Name, created_at AS CreatedAt FROM workspaces";

    private const string KeySelect = """
        SELECT key_id AS KeyId, workspace_id AS WorkspaceId, name AS Name, scopes AS Scopes, secret_hash AS SecretHash,
               created_at AS CreatedAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt
        FROM api_keys
        """;

    private const string UserSelect = """
        SELECT workspace_id AS WorkspaceId, user_id AS UserId, email AS Email, display_name AS DisplayName, team AS Team, created_at AS CreatedAt
        FROM users
        """;

    public async Task<Workspace> EnsureWorkspaceAsync(string workspaceId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO workspaces (workspace_id, name, created_at) VALUES (@workspaceId, @name, @at) ON CONFLICT DO NOTHING",
            new { workspaceId, name, at = time.GetUtcNow().UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Workspace?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<WorkspaceRow>(new CommandDefinition(
            WorkspaceSelect + " WHERE workspace_id = @workspaceId", new { workspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToWorkspace();
    }

    public async Task<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WorkspaceRow>(new CommandDefinition(
            WorkspaceSelect + " ORDER BY workspace_id COLLATE \"C\"", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToWorkspace()).ToList();
    }

    public async Task<bool> CreateWorkspaceAsync(string workspaceId, string name, string createdByWorkspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workspaces (workspace_id, name, created_at, created_by_workspace_id) VALUES (@workspaceId, @name, @at, @createdByWorkspaceId)
            ON CONFLICT DO NOTHING
            """,
            new { workspaceId, name, at = time.GetUtcNow().UtcDateTime, createdByWorkspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<Workspace>> ListWorkspacesCreatedByAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WorkspaceRow>(new CommandDefinition(
            WorkspaceSelect + " WHERE created_by_workspace_id = @workspaceId ORDER BY workspace_id COLLATE \"C\"", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToWorkspace()).ToList();
    }

    public async Task CreateApiKeyAsync(ApiKeyInfo key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (key_id, workspace_id, name, scopes, secret_hash, created_at)
            VALUES (@KeyId, @WorkspaceId, @Name, @Scopes, @SecretHash, @CreatedAt)
            """,
            new
            {
                key.KeyId, key.WorkspaceId, key.Name, Scopes = ApiKeyScopes.Format(key.Scopes), key.SecretHash,
                CreatedAt = key.CreatedAt.UtcDateTime,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ApiKeyInfo?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            KeySelect + " WHERE key_id = @keyId", new { keyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToKey();
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            KeySelect + " WHERE workspace_id = @workspaceId ORDER BY created_at, key_id COLLATE \"C\"", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeApiKeyAsync(string workspaceId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE workspace_id = @workspaceId AND key_id = @keyId AND revoked_at IS NULL",
            new { workspaceId, keyId, at = at.UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> RecordApiKeyUseAsync(string keyId, DateTimeOffset at, TimeSpan minimumInterval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET last_used_at = @at WHERE key_id = @keyId AND (last_used_at IS NULL OR last_used_at <= @before)",
            new { keyId, at = at.UtcDateTime, before = (at - minimumInterval).UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<IReadOnlyList<DirectoryUser>> UpsertUsersAsync(string workspaceId, IReadOnlyList<DirectoryUserUpdate> users, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The same lock the record writer takes: ingest resolving a new person and an administrator adding them
        // cannot both create a user for one e-mail.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM workspaces WHERE workspace_id = @workspaceId FOR NO KEY UPDATE", new { workspaceId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<DirectoryUser>(users.Count);
        foreach (var user in users)
        {
            var email = ActorIdentity.NormalizeEmail(user.Email)
                        ?? throw new ArgumentException("Every directory user needs a non-blank email.", nameof(users));
            var identifier = "email:" + email;
            var userId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT user_id FROM user_identifiers WHERE workspace_id = @workspaceId AND identifier = @identifier",
                new { workspaceId, identifier }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (userId is null)
            {
                userId = "user-" + Guid.CreateVersion7().ToString("N");
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO users (workspace_id, user_id, email, display_name, team, created_at) VALUES (@workspaceId, @userId, @email, @DisplayName, @Team, @now);
                    INSERT INTO user_identifiers (workspace_id, identifier, user_id) VALUES (@workspaceId, @identifier, @userId);
                    """,
                    new { workspaceId, userId, email, user.DisplayName, user.Team, now, identifier }, transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE users SET email = @email, display_name = coalesce(@DisplayName, display_name), team = @Team
                    WHERE workspace_id = @workspaceId AND user_id = @userId
                    """,
                    new { workspaceId, userId, email, user.DisplayName, user.Team }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
                UserSelect + " WHERE workspace_id = @workspaceId AND user_id = @userId", new { workspaceId, userId }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            result.Add(row.ToUser());
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<DirectoryUser?> FindUserAsync(string workspaceId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            UserSelect + " WHERE workspace_id = @workspaceId AND user_id = @userId", new { workspaceId, userId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<DirectoryUser?> FindUserByIdentifierAsync(string workspaceId, string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            UserSelect + " WHERE workspace_id = @workspaceId AND user_id = (SELECT user_id FROM user_identifiers WHERE workspace_id = @workspaceId AND identifier = @identifier)",
            new { workspaceId, identifier }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string workspaceId, string? afterUserId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // COLLATE "C" orders by bytes, as SQLite does, so that a cursor means the same on both engines.
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            UserSelect + """
             WHERE workspace_id = @workspaceId AND user_id COLLATE "C" > @after ORDER BY user_id COLLATE "C" LIMIT @limit
            """,
            new { workspaceId, after = afterUserId ?? "", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToUser()).ToList();
    }

    private sealed record WorkspaceRow(string Id, string Name, DateTime CreatedAt)
    {
        public Workspace ToWorkspace() => new(Id, Name, new DateTimeOffset(CreatedAt, TimeSpan.Zero));
    }

    private sealed record KeyRow(
        string KeyId, string WorkspaceId, string Name, string Scopes, byte[] SecretHash, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt)
    {
        public ApiKeyInfo ToKey() => new(KeyId, WorkspaceId, Name, ApiKeyScopes.Parse(Scopes), SecretHash, new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            RevokedAt is { } revoked ? new DateTimeOffset(revoked, TimeSpan.Zero) : null, LastUsedAt is { } used ? new DateTimeOffset(used, TimeSpan.Zero) : null);
    }

    private sealed record UserRow(string WorkspaceId, string UserId, string? Email, string? DisplayName, string? Team, DateTime CreatedAt)
    {
        public DirectoryUser ToUser() => new(UserId, WorkspaceId, Email, DisplayName, Team, new DateTimeOffset(CreatedAt, TimeSpan.Zero));
    }
}
