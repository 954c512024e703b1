using AgentLedger.Core.Metrics;
using Dapper;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Workspace price book versions (table price_book_versions). Adding locks the workspace's row, so that instances
/// adding at once number their versions one after the other instead of colliding.
/// </summary>
public sealed class PostgreSqlPriceBookStore(PostgreSqlDatabase database) : IPriceBookStore
{
    private const string Columns = "workspace_id, version, effective_from, book, created_at, created_by, note";

    public async Task<PriceBookVersion> AddAsync(PriceBookVersion version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM workspaces WHERE workspace_id = @WorkspaceId FOR UPDATE", new { version.WorkspaceId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) + 1 FROM price_book_versions WHERE workspace_id = @WorkspaceId",
            new { version.WorkspaceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = version with { Version = next };
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO price_book_versions ({Columns}) VALUES (@WorkspaceId, @Version, @EffectiveFrom, @Book, @CreatedAt, @CreatedBy, @Note)",
            new
            {
                stored.WorkspaceId,
                stored.Version,
                EffectiveFrom = stored.EffectiveFrom.UtcDateTime,
                Book = PriceBookJson.Serialize(stored.Book),
                CreatedAt = stored.CreatedAt.UtcDateTime,
                stored.CreatedBy,
                stored.Note,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<IReadOnlyList<PriceBookVersion>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM price_book_versions WHERE workspace_id = @workspaceId ORDER BY version DESC", new { workspaceId },
            cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<PriceBookVersion>> ListAllAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM price_book_versions ORDER BY workspace_id, version DESC", null, cancellationToken)
            .ConfigureAwait(false);

    private async Task<IReadOnlyList<PriceBookVersion>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string WorkspaceId, int Version, DateTime EffectiveFrom, string Book, DateTime CreatedAt, string CreatedBy, string? Note)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new PriceBookVersion(r.WorkspaceId, r.Version, Utc(r.EffectiveFrom), PriceBookJson.Deserialize(r.Book), Utc(r.CreatedAt),
            r.CreatedBy, r.Note)).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
