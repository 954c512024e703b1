using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Core.Ingestion;

/// <summary>Group-commit settings (configuration section <c>Ingest:Writer</c>).</summary>
public sealed class IngestWriterOptions
{
    public const string SectionName = "Ingest:Writer";

    /// <summary>Most records committed in one transaction; a single larger request still commits whole.</summary>
    [Range(1, 1_000_000)]
    public int MaxRecordsPerCommit { get; set; } = 5_000;

    /// <summary>Requests that may wait for the writer before new ones wait for room (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int MaxPendingRequests { get; set; } = 10_000;
}
