using System.Text.Json;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Records;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

public sealed class SqliteGitHubIntegrationStore(SqliteDatabase database) : IGitHubIntegrationStore
{
    public async Task<GitHubIntegration?> FindAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Secret, string Logins, string Client)>(
            new CommandDefinition(
                "SELECT webhook_secret, reviewer_logins, client_id FROM github_integrations WHERE workspace_id = @workspaceId",
                new { workspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.Secret is null
            ? null
            : new GitHubIntegration(workspaceId, row.Secret, JsonSerializer.Deserialize<string[]>(row.Logins) ?? [], WireNames.ParseClientId(row.Client));
    }

    public async Task<IReadOnlyList<GitHubIntegration>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Workspace, string Secret, string Logins, string Client)>(new CommandDefinition(
            "SELECT workspace_id, webhook_secret, reviewer_logins, client_id FROM github_integrations ORDER BY workspace_id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new GitHubIntegration(
            r.Workspace, r.Secret, JsonSerializer.Deserialize<string[]>(r.Logins) ?? [], WireNames.ParseClientId(r.Client))).ToList();
    }

    public async Task SaveAsync(GitHubIntegration integration, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO github_integrations (workspace_id, webhook_secret, reviewer_logins, client_id, updated_at)
            VALUES (@WorkspaceId, @Secret, @Logins, @Client, @At)
            ON CONFLICT (workspace_id) DO UPDATE SET webhook_secret = excluded.webhook_secret, reviewer_logins = excluded.reviewer_logins,
                client_id = excluded.client_id, updated_at = excluded.updated_at
            """,
            new
            {
                integration.WorkspaceId,
                Secret = integration.WebhookSecret,
                Logins = JsonSerializer.Serialize(integration.ReviewerLogins.Select(l => l.Trim().ToLowerInvariant()).Distinct().ToArray()),
                Client = WireNames.Of(integration.ClientId),
                At = SqliteTime.ToMicros(at),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> IsReviewCommentAsync(string workspaceId, string commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM review_comments WHERE workspace_id = @workspaceId AND comment_id = @commentId AND hour_start IS NOT NULL",
            new { workspaceId, commentId }, cancellationToken: cancellationToken)).ConfigureAwait(false) is not null;
    }
}
