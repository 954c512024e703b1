using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Retention;
using Dapper;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Legal holds on PostgreSQL; the filter is stored as <see cref="RecordFilterJson"/> text, as on SQLite.</summary>
public sealed class PostgreSqlLegalHoldStore(PostgreSqlDatabase database) : ILegalHoldStore
{
    private const string Select = """
        SELECT workspace_id AS WorkspaceId, hold_id AS Id, name AS Name, reason AS Reason, filter AS Filter, created_at AS CreatedAt,
               created_by AS CreatedBy, updated_at AS UpdatedAt, released_at AS ReleasedAt, released_by AS ReleasedBy
        FROM legal_holds
        """;

    public async Task CreateAsync(LegalHold hold, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO legal_holds (workspace_id, hold_id, name, reason, filter, created_at, created_by, updated_at)
            VALUES (@WorkspaceId, @Id, @Name, @Reason, @Filter, @CreatedAt, @CreatedBy, @CreatedAt)
            """,
            new
            {
                hold.WorkspaceId, hold.Id, hold.Name, hold.Reason, Filter = RecordFilterJson.ToJson(hold.Filter).ToJsonString(),
                CreatedAt = hold.CreatedAt.UtcDateTime, hold.CreatedBy,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<LegalHold?> UpdateAsync(
        string workspaceId, string holdId, string name, string? reason, RecordFilter filter, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE legal_holds SET name = @name, reason = @reason, filter = @filter, updated_at = @at
            WHERE workspace_id = @workspaceId AND hold_id = @holdId AND released_at IS NULL
            """,
            new { workspaceId, holdId, name, reason, filter = RecordFilterJson.ToJson(filter).ToJsonString(), at = at.UtcDateTime },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 0 ? null : await FindAsync(workspaceId, holdId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LegalHold?> ReleaseAsync(string workspaceId, string holdId, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE legal_holds SET released_at = @at, released_by = @releasedBy, updated_at = @at
            WHERE workspace_id = @workspaceId AND hold_id = @holdId AND released_at IS NULL
            """,
            new { workspaceId, holdId, releasedBy, at = at.UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 0 ? null : await FindAsync(workspaceId, holdId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LegalHold?> FindAsync(string workspaceId, string holdId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId AND hold_id = @holdId", new { workspaceId, holdId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToHold();
    }

    public async Task<IReadOnlyList<LegalHold>> ListAsync(string workspaceId, bool includeReleased, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, null, workspaceId, includeReleased).ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<LegalHold>> ListAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string workspaceId, bool includeReleased)
    {
        var rows = await connection.QueryAsync<Row>(
            Select + " WHERE workspace_id = @workspaceId AND (@includeReleased OR released_at IS NULL) ORDER BY created_at, hold_id",
            new { workspaceId, includeReleased }, transaction).ConfigureAwait(false);
        return rows.Select(r => r.ToHold()).ToList();
    }

    private sealed record Row(
        string WorkspaceId, string Id, string Name, string? Reason, string Filter, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt,
        DateTime? ReleasedAt, string? ReleasedBy)
    {
        public LegalHold ToHold() => new()
        {
            WorkspaceId = WorkspaceId,
            Id = Id,
            Name = Name,
            Reason = Reason,
            Filter = RecordFilterJson.FromJson(JsonNode.Parse(Filter)!.AsObject()),
            CreatedAt = Utc(CreatedAt),
            CreatedBy = CreatedBy,
            UpdatedAt = Utc(UpdatedAt),
            ReleasedAt = ReleasedAt is { } r ? Utc(r) : null,
            ReleasedBy = ReleasedBy,
        };

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
