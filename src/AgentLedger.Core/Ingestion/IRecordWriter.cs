using AgentLedger.Core.Records;

namespace AgentLedger.Core.Ingestion;

/// <summary>What happened to one record of an append.</summary>
/// <param name="Stored">False when a record with the same workspace and event id was already stored.</param>
/// <param name="Seq">The record's per-workspace sequence number when stored; 0 for a duplicate.</param>
public readonly record struct AppendOutcome(bool Stored, long Seq);

/// <summary>
/// The storage capability behind ingest: append records and update their rollups in one transaction.
/// Implementations are called by one <see cref="IngestBatchWriter"/> at a time per store, never concurrently.
/// </summary>
public interface IRecordWriter
{
    /// <summary>
    /// Stores the records that are new (by workspace and event id), resolves their users, assigns gap-free
    /// per-workspace <c>seq</c> numbers, and updates rollups, all in one transaction that has committed
    /// durably when the task completes. Returns one outcome per input record, in order.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken);
}
