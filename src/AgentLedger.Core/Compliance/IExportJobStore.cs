namespace AgentLedger.Core.Compliance;

/// <summary>eDiscovery export jobs and their progress.</summary>
public interface IExportJobStore
{
    Task CreateAsync(ExportJob job, CancellationToken cancellationToken);

    Task<ExportJob?> FindAsync(string workspaceId, string exportId, CancellationToken cancellationToken);

    /// <summary>The workspace's jobs, newest first, with id before <paramref name="beforeId"/> when given (keyset).</summary>
    Task<IReadOnlyList<ExportJob>> ListAsync(string workspaceId, string? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the oldest queued job, or a job left running, as running from <paramref name="now"/> and returns it; null
    /// when there is none. Only the holder of the export job's lease calls this, so a job found running belongs to an
    /// instance that stopped and is started again from scratch.
    /// </summary>
    Task<ExportJob?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task UpdateProgressAsync(string workspaceId, string exportId, long uptoSeq, long records, long bytes, CancellationToken cancellationToken);

    Task CompleteAsync(string workspaceId, string exportId, DateTimeOffset at, long records, long bytes, IReadOnlyList<ExportFile> files,
        CancellationToken cancellationToken);

    Task FailAsync(string workspaceId, string exportId, DateTimeOffset at, string error, CancellationToken cancellationToken);
}
