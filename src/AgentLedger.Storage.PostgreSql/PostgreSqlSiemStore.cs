using System.Text.Json.Nodes;
using AgentLedger.Core.Siem;
using Dapper;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>SIEM destinations, their checkpoints and set-aside items on PostgreSQL.</summary>
public sealed class PostgreSqlSiemStore(PostgreSqlDatabase database) : ISiemStore
{
    private const string SelectDestination = """
        SELECT workspace_id AS WorkspaceId, destination_id AS Id, name AS Name, kind AS Kind, enabled AS Enabled, format AS Format,
               content_level AS ContentLevel, filter AS Filter, endpoint AS Endpoint, secrets AS Secrets, created_at AS CreatedAt,
               updated_at AS UpdatedAt
        FROM siem_destinations
        """;

    public async Task CreateAsync(SiemDestination d, long startAfterSeq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO siem_destinations (workspace_id, destination_id, name, kind, enabled, format, content_level, filter, endpoint, secrets,
                                           created_at, updated_at, checkpoint_seq, attempted_seq)
            VALUES (@WorkspaceId, @Id, @Name, @Kind, @Enabled, @Format, @ContentLevel, @Filter, @Endpoint, @Secrets, @CreatedAt, @UpdatedAt,
                    @startAfterSeq, @startAfterSeq)
            """,
            Parameters(d, new { startAfterSeq }), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(SiemDestination d, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE siem_destinations SET name = @Name, kind = @Kind, enabled = @Enabled, format = @Format, content_level = @ContentLevel,
                   filter = @Filter, endpoint = @Endpoint, secrets = @Secrets, updated_at = @UpdatedAt
            WHERE workspace_id = @WorkspaceId AND destination_id = @Id
            """,
            Parameters(d, null), cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(string workspaceId, string destinationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM siem_destinations WHERE workspace_id = @workspaceId AND destination_id = @destinationId",
            new { workspaceId, destinationId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<SiemDestination?> FindAsync(string workspaceId, string destinationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            SelectDestination + " WHERE workspace_id = @workspaceId AND destination_id = @destinationId",
            new { workspaceId, destinationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToDestination();
    }

    public async Task<IReadOnlyList<SiemDestination>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            SelectDestination + " WHERE workspace_id = @workspaceId ORDER BY destination_id COLLATE \"C\"", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDestination()).ToList();
    }

    public async Task<IReadOnlyList<SiemDestination>> ListEnabledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            SelectDestination + " WHERE enabled ORDER BY workspace_id COLLATE \"C\", destination_id COLLATE \"C\"", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDestination()).ToList();
    }

    public async Task<SiemDeliveryState?> GetStateAsync(string workspaceId, string destinationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            """
            SELECT checkpoint_seq AS CheckpointSeq, attempted_seq AS AttemptedSeq, delivered_count AS DeliveredCount,
                   redelivered_count AS RedeliveredCount, set_aside_count AS SetAsideCount, last_success_at AS LastSuccessAt,
                   last_error_at AS LastErrorAt, last_error AS LastError, consecutive_failures AS ConsecutiveFailures
            FROM siem_destinations WHERE workspace_id = @workspaceId AND destination_id = @destinationId
            """,
            new { workspaceId, destinationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToState();
    }

    public async Task BeginAttemptAsync(string workspaceId, string destinationId, long uptoSeq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE siem_destinations SET attempted_seq = GREATEST(attempted_seq, @uptoSeq)
            WHERE workspace_id = @workspaceId AND destination_id = @destinationId
            """,
            new { workspaceId, destinationId, uptoSeq }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> CommitAsync(string workspaceId, string destinationId, SiemCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var at = commit.At.UtcDateTime;
        var moved = await connection.ExecuteAsync(
            """
            UPDATE siem_destinations
            SET checkpoint_seq = @ToSeq, attempted_seq = GREATEST(attempted_seq, @ToSeq), delivered_count = delivered_count + @Delivered,
                redelivered_count = redelivered_count + @Redelivered, set_aside_count = set_aside_count + @SetAsideCount,
                last_success_at = @at, last_error = NULL, consecutive_failures = 0
            WHERE workspace_id = @workspaceId AND destination_id = @destinationId AND checkpoint_seq = @FromSeq
            """,
            new { workspaceId, destinationId, commit.FromSeq, commit.ToSeq, commit.Delivered, commit.Redelivered, SetAsideCount = commit.SetAside.Count, at },
            transaction).ConfigureAwait(false);
        if (moved != 1)
        {
            return false;
        }

        foreach (var item in commit.SetAside)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO siem_set_aside (workspace_id, destination_id, seq, set_aside_at, error) VALUES (@workspaceId, @destinationId, @Seq, @at, @Error)
                ON CONFLICT (workspace_id, destination_id, seq) DO NOTHING
                """,
                new { workspaceId, destinationId, item.Seq, at = item.SetAsideAt.UtcDateTime, item.Error }, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task RecordFailureAsync(string workspaceId, string destinationId, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE siem_destinations SET last_error = @error, last_error_at = @at, consecutive_failures = consecutive_failures + 1
            WHERE workspace_id = @workspaceId AND destination_id = @destinationId
            """,
            new { workspaceId, destinationId, error, at = at.UtcDateTime }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SiemSetAsideItem>> ListSetAsideAsync(
        string workspaceId, string destinationId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Seq, DateTime At, string Error)>(new CommandDefinition(
            """
            SELECT seq, set_aside_at, error FROM siem_set_aside
            WHERE workspace_id = @workspaceId AND destination_id = @destinationId AND seq > @afterSeq ORDER BY seq LIMIT @limit
            """,
            new { workspaceId, destinationId, afterSeq, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new SiemSetAsideItem(r.Seq, new DateTimeOffset(r.At, TimeSpan.Zero), r.Error)).ToList();
    }

    private static DynamicParameters Parameters(SiemDestination d, object? extra)
    {
        var p = new DynamicParameters(extra);
        p.AddDynamicParams(new
        {
            d.WorkspaceId, d.Id, d.Name, Kind = SiemWireNames.Of(d.Kind), d.Enabled, Format = SiemWireNames.Of(d.Format),
            ContentLevel = SiemWireNames.Of(d.ContentLevel), Filter = d.Filter.ToJson().ToJsonString(), Endpoint = d.Endpoint.ToJson().ToJsonString(),
            Secrets = d.Secrets.ToJson().ToJsonString(), CreatedAt = d.CreatedAt.UtcDateTime, UpdatedAt = d.UpdatedAt.UtcDateTime,
        });
        return p;
    }

    private sealed record Row(
        string WorkspaceId, string Id, string Name, string Kind, bool Enabled, string Format, string ContentLevel, string Filter, string Endpoint,
        string Secrets, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public SiemDestination ToDestination() => new()
        {
            WorkspaceId = WorkspaceId,
            Id = Id,
            Name = Name,
            Kind = SiemWireNames.Parse<SiemDestinationKind>(Kind),
            Enabled = Enabled,
            Format = SiemWireNames.Parse<SiemPayloadFormat>(Format),
            ContentLevel = SiemWireNames.Parse<SiemContentLevel>(ContentLevel),
            Filter = SiemFilter.FromJson(JsonNode.Parse(Filter)!.AsObject()),
            Endpoint = SiemEndpoint.FromJson(JsonNode.Parse(Endpoint)!.AsObject()),
            Secrets = SiemSecrets.FromJson(JsonNode.Parse(Secrets)!.AsObject()),
            CreatedAt = new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(UpdatedAt, TimeSpan.Zero),
        };
    }

    private sealed record StateRow(
        long CheckpointSeq, long AttemptedSeq, long DeliveredCount, long RedeliveredCount, long SetAsideCount, DateTime? LastSuccessAt,
        DateTime? LastErrorAt, string? LastError, int ConsecutiveFailures)
    {
        public SiemDeliveryState ToState() => new()
        {
            CheckpointSeq = CheckpointSeq,
            AttemptedSeq = AttemptedSeq,
            DeliveredCount = DeliveredCount,
            RedeliveredCount = RedeliveredCount,
            SetAsideCount = SetAsideCount,
            LastSuccessAt = LastSuccessAt is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null,
            LastErrorAt = LastErrorAt is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
            LastError = LastError,
            ConsecutiveFailures = ConsecutiveFailures,
        };
    }
}
