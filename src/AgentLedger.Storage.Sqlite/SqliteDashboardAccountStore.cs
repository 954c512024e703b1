using AgentLedger.Core.Accounts;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Local dashboard accounts. Low-volume administrative data: plain Dapper.</summary>
public sealed class SqliteDashboardAccountStore(SqliteDatabase database) : IDashboardAccountStore
{
    private const string Select = """
        SELECT account_id AS AccountId, email AS Email, workspace_id AS WorkspaceId, role AS Role, password_hash AS PasswordHash,
               created_at AS CreatedAt, disabled_at AS DisabledAt
        FROM dashboard_accounts
        """;

    public async Task<bool> CreateAsync(DashboardAccount account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO dashboard_accounts (account_id, email, email_key, workspace_id, role, password_hash, created_at)
                VALUES (@AccountId, @Email, @EmailKey, @WorkspaceId, @Role, @PasswordHash, @CreatedAt)
                """,
                new
                {
                    account.AccountId, account.Email, EmailKey = account.Email.ToLowerInvariant(), account.WorkspaceId,
                    Role = DashboardRoles.Format(account.Role), account.PasswordHash, CreatedAt = SqliteTime.ToMicros(account.CreatedAt),
                }).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 && ex.Message.Contains("email_key", StringComparison.Ordinal))
        {
            // SQLITE_CONSTRAINT on the unique e-mail: the caller reports the address as taken.
            return false;
        }
    }

    public async Task<DashboardAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(
            Select + " WHERE email_key = @key", new { key = email.Trim().ToLowerInvariant() }).ConfigureAwait(false);
        return row?.ToAccount();
    }

    public async Task UpdatePasswordHashAsync(string accountId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE dashboard_accounts SET password_hash = @passwordHash WHERE account_id = @accountId", new { accountId, passwordHash })
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DashboardAccount>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AccountRow>(Select + " WHERE workspace_id = @workspaceId ORDER BY email_key", new { workspaceId })
            .ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<bool> DisableAsync(string workspaceId, string accountId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            "UPDATE dashboard_accounts SET disabled_at = @at WHERE workspace_id = @workspaceId AND account_id = @accountId AND disabled_at IS NULL",
            new { workspaceId, accountId, at = SqliteTime.ToMicros(at) }).ConfigureAwait(false);
        return changed == 1;
    }

    private sealed record AccountRow(string AccountId, string Email, string WorkspaceId, string Role, string PasswordHash, long CreatedAt, long? DisabledAt)
    {
        public DashboardAccount ToAccount() => new(
            AccountId, Email, WorkspaceId,
            DashboardRoles.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"Unknown dashboard role '{Role}' in the database."),
            PasswordHash, SqliteTime.FromMicros(CreatedAt), DisabledAt is { } d ? SqliteTime.FromMicros(d) : null);
    }
}
