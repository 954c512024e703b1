using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using Dapper;

namespace AgentLedger.Storage.Sqlite;

/// <summary>eDiscovery export jobs on SQLite.</summary>
public sealed class SqliteExportJobStore(SqliteDatabase database) : IExportJobStore
{
    private const string Select = """
        SELECT workspace_id AS WorkspaceId, export_id AS Id, status AS Status, filter AS Filter, requested_by AS RequestedBy,
               justification AS Justification, created_at AS CreatedAt, started_at AS StartedAt, completed_at AS CompletedAt,
               upto_seq AS UptoSeq, record_count AS RecordCount, bytes AS Bytes, error AS Error, files AS Files
        FROM compliance_exports
        """;

    public async Task CreateAsync(ExportJob job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO compliance_exports (workspace_id, export_id, status, filter, requested_by, justification, created_at)
            VALUES (@WorkspaceId, @Id, @Status, @Filter, @RequestedBy, @Justification, @CreatedAt)
            """,
            new
            {
                job.WorkspaceId, job.Id, Status = ExportJobJson.StatusName(job.Status), Filter = RecordFilterJson.ToJson(job.Filter).ToJsonString(),
                RequestedBy = ExportJobJson.ActorToJson(job.RequestedBy).ToJsonString(), job.Justification,
                CreatedAt = SqliteTime.ToMicros(job.CreatedAt),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ExportJob?> FindAsync(string workspaceId, string exportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId AND export_id = @exportId", new { workspaceId, exportId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToJob();
    }

    public async Task<IReadOnlyList<ExportJob>> ListAsync(string workspaceId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId AND (@beforeId IS NULL OR export_id < @beforeId) ORDER BY export_id DESC LIMIT @limit",
            new { workspaceId, beforeId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToJob()).ToList();
    }

    public async Task<ExportJob?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var candidates = await connection.QueryAsync<(string WorkspaceId, string Id)>(
            "SELECT workspace_id, export_id FROM compliance_exports WHERE status IN ('queued', 'running') ORDER BY created_at, export_id LIMIT 1",
            transaction: transaction).ConfigureAwait(false);
        var key = candidates.FirstOrDefault();
        if (key.Id is null)
        {
            return null;
        }

        await connection.ExecuteAsync(
            """
            UPDATE compliance_exports SET status = 'running', started_at = @now, upto_seq = NULL, record_count = 0, bytes = 0
            WHERE workspace_id = @WorkspaceId AND export_id = @Id
            """,
            new { key.WorkspaceId, key.Id, now = SqliteTime.ToMicros(now) }, transaction).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<Row>(Select + " WHERE workspace_id = @WorkspaceId AND export_id = @Id",
            new { key.WorkspaceId, key.Id }, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToJob();
    }

    public async Task UpdateProgressAsync(string workspaceId, string exportId, long uptoSeq, long records, long bytes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE compliance_exports SET upto_seq = @uptoSeq, record_count = @records, bytes = @bytes WHERE workspace_id = @workspaceId AND export_id = @exportId",
            new { workspaceId, exportId, uptoSeq, records, bytes }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task CompleteAsync(string workspaceId, string exportId, DateTimeOffset at, long records, long bytes, IReadOnlyList<ExportFile> files,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE compliance_exports SET status = 'completed', completed_at = @at, record_count = @records, bytes = @bytes, files = @files, error = NULL
            WHERE workspace_id = @workspaceId AND export_id = @exportId
            """,
            new { workspaceId, exportId, at = SqliteTime.ToMicros(at), records, bytes, files = ExportJobJson.FilesToJson(files) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task FailAsync(string workspaceId, string exportId, DateTimeOffset at, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE compliance_exports SET status = 'failed', completed_at = @at, error = @error WHERE workspace_id = @workspaceId AND export_id = @exportId",
            new { workspaceId, exportId, at = SqliteTime.ToMicros(at), error }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Row(
        string WorkspaceId, string Id, string Status, string Filter, string RequestedBy, string? Justification, long CreatedAt,
        long? StartedAt, long? CompletedAt, long? UptoSeq, long RecordCount, long Bytes, string? Error, string? Files)
    {
        public ExportJob ToJob() => new()
        {
            WorkspaceId = WorkspaceId,
            Id = Id,
            Status = ExportJobJson.ParseStatus(Status),
            Filter = RecordFilterJson.FromJson(JsonNode.Parse(Filter)!.AsObject()),
            RequestedBy = ExportJobJson.ActorFromJson(RequestedBy),
            Justification = Justification,
            CreatedAt = SqliteTime.FromMicros(CreatedAt),
            StartedAt = StartedAt is { } s ? SqliteTime.FromMicros(s) : null,
            CompletedAt = CompletedAt is { } c ? SqliteTime.FromMicros(c) : null,
            UptoSeq = UptoSeq,
            RecordCount = RecordCount,
            Bytes = Bytes,
            Error = Error,
            Files = ExportJobJson.FilesFromJson(Files),
        };
    }
}
