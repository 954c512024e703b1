using AgentLedger.Core.Metrics;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Workspace price book versions (table price_book_versions); the single writer lock numbers them.</summary>
public sealed class SqlitePriceBookStore(SqliteDatabase database) : IPriceBookStore
{
    private const string Columns = "workspace_id, version, effective_from, book, created_at, created_by, note";

    public async Task<PriceBookVersion> AddAsync(PriceBookVersion version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Microsoft.Data.Sqlite begins IMMEDIATE transactions: it takes SQLite's write lock before reading the highest number: concurrent adds queue.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) + 1 FROM price_book_versions WHERE workspace_id = @WorkspaceId",
            new { version.WorkspaceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = version with { Version = checked((int)next) };
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO price_book_versions ({Columns}) VALUES (@WorkspaceId, @Version, @EffectiveFrom, @Book, @CreatedAt, @CreatedBy, @Note)",
            new
            {
                stored.WorkspaceId,
                stored.Version,
                EffectiveFrom = SqliteTime.ToMicros(stored.EffectiveFrom),
                Book = PriceBookJson.Serialize(stored.Book),
                CreatedAt = SqliteTime.ToMicros(stored.CreatedAt),
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
        var rows = await connection.QueryAsync<(string WorkspaceId, long Version, long EffectiveFrom, string Book, long CreatedAt, string CreatedBy, string? Note)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new PriceBookVersion(r.WorkspaceId, (int)r.Version, SqliteTime.FromMicros(r.EffectiveFrom),
            PriceBookJson.Deserialize(r.Book), SqliteTime.FromMicros(r.CreatedAt), r.CreatedBy, r.Note)).ToList();
    }
}
