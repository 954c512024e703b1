namespace AgentLedger.Core.Compliance;

/// <summary>
/// An eDiscovery export: asked for with a filter, built asynchronously into a package (records, index, manifest,
/// checksums) that covers the matching records with seq up to <see cref="UptoSeq"/>, the workspace's last seq when the
/// job started.
/// </summary>
public sealed record ExportJob
{
    public required string WorkspaceId { get; init; }

    /// <summary>Time-sortable id (UUIDv7, 32 hex digits).</summary>
    public required string Id { get; init; }

    public required ExportStatus Status { get; init; }

    public required RecordFilter Filter { get; init; }

    public required AuditActor RequestedBy { get; init; }

    /// <summary>Why the export was made (matter, case or ticket), as the requester stated it.</summary>
    public string? Justification { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long? UptoSeq { get; init; }

    /// <summary>Records written so far (while running) or in total (when completed).</summary>
    public long RecordCount { get; init; }

    /// <summary>Bytes of the package's files so far or in total.</summary>
    public long Bytes { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<ExportFile> Files { get; init; } = [];
}
