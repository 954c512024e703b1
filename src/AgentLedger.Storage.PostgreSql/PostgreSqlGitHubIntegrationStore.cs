using AgentLedger.Core.Integrations;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed class PostgreSqlGitHubIntegrationStore(PostgreSqlDatabase database) : IGitHubIntegrationStore
{
    public async Task<GitHubIntegration?> FindAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT webhook_secret, reviewer_logins, client_id FROM github_integrations WHERE workspace_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new GitHubIntegration(workspaceId, reader.GetString(0), reader.GetFieldValue<string[]>(1), WireNames.ParseClientId(reader.GetString(2)))
            : null;
    }

    public async Task<IReadOnlyList<GitHubIntegration>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT workspace_id, webhook_secret, reviewer_logins, client_id FROM github_integrations ORDER BY workspace_id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<GitHubIntegration>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(new GitHubIntegration(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                WireNames.ParseClientId(reader.GetString(3))));
        }

        return all;
    }

    public async Task SaveAsync(GitHubIntegration integration, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO github_integrations (workspace_id, webhook_secret, reviewer_logins, client_id, updated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (workspace_id) DO UPDATE SET webhook_secret = excluded.webhook_secret, reviewer_logins = excluded.reviewer_logins,
                client_id = excluded.client_id, updated_at = excluded.updated_at
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = integration.WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = integration.WebhookSecret });
        command.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = integration.ReviewerLogins.Select(l => l.Trim().ToLowerInvariant()).Distinct().ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter { Value = WireNames.Of(integration.ClientId) });
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsReviewCommentAsync(string workspaceId, string commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM review_comments WHERE workspace_id = $1 AND comment_id = $2 AND hour_start IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = commentId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
