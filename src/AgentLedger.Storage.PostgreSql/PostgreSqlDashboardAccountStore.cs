using AgentLedger.Core.Accounts;
using Dapper;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Local dashboard accounts. Low-volume administrative data: plain Dapper.</summary>
public sealed class PostgreSqlDashboardAccountStore(PostgreSqlDatabase database) : IDashboardAccountStore
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
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO dashboard_accounts (account_id, email, email_key, workspace_id, role, password_hash, created_at)
                VALUES (@AccountId, @Email, @EmailKey, @WorkspaceId, @Role, @PasswordHash, @CreatedAt)
                """,
                new
                {
                    account.AccountId, account.Email, EmailKey = account.Email.ToLowerInvariant(), account.WorkspaceId,
                    Role = DashboardRoles.Format(account.Role), account.PasswordHash, CreatedAt = account.CreatedAt.UtcDateTime,
                },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "dashboard_accounts_email_key_key")
        {
            return false;
        }
    }

    public async Task<DashboardAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            Select + " WHERE email_key = @key", new { key = email.Trim().ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    public async Task UpdatePasswordHashAsync(string accountId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dashboard_accounts SET password_hash = @passwordHash WHERE account_id = @accountId", new { accountId, passwordHash },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DashboardAccount>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId ORDER BY email_key COLLATE \"C\"", new { workspaceId }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<bool> DisableAsync(string workspaceId, string accountId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dashboard_accounts SET disabled_at = @at WHERE workspace_id = @workspaceId AND account_id = @accountId AND disabled_at IS NULL",
            new { workspaceId, accountId, at = at.UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    private sealed record AccountRow(string AccountId, string Email, string WorkspaceId, string Role, string PasswordHash, DateTime CreatedAt, DateTime? DisabledAt)
    {
        public DashboardAccount ToAccount() => new(
            AccountId, Email, WorkspaceId,
            DashboardRoles.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"Unknown dashboard role '{Role}' in the database."),
            PasswordHash, new DateTimeOffset(CreatedAt, TimeSpan.Zero), DisabledAt is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null);
    }
}
