using AgentLedger.Core.Records;

namespace AgentLedger.Core.Ingestion;

/// <summary>
/// Fills a store with many records at once, for benchmarks, imports and data generators: the same rows the
/// <see cref="IRecordWriter"/> stores (records, users, sessions, hash chain, hourly and daily rollups, DLP findings),
/// written by the writer's own code, but in large transactions with the non-unique secondary indexes of the big
/// tables dropped during the load and rebuilt once at the end. Nothing else may write to the store meanwhile.
/// </summary>
public interface IBulkRecordLoader
{
    /// <summary>
    /// Appends every chunk, one transaction per chunk, in order (as <see cref="IRecordWriter.AppendAsync"/> would for
    /// each chunk), then rebuilds the indexes. Returns how many records were stored (duplicates are skipped, as by
    /// the writer). <paramref name="progress"/> is told the running total after each chunk.
    /// </summary>
    Task<long> LoadAsync(IEnumerable<IReadOnlyList<ActivityRecord>> chunks, IProgress<long>? progress, CancellationToken cancellationToken);
}
