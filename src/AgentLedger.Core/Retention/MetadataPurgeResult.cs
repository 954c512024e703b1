namespace AgentLedger.Core.Retention;

/// <summary>What one metadata purge removed.</summary>
/// <param name="Records">Records deleted.</param>
/// <param name="PurgedThroughSeq">The checkpoint after the purge: records up to this seq are gone.</param>
/// <param name="DroppedPartitions">PostgreSQL partitions dropped whole (empty on SQLite).</param>
/// <param name="Files">Sealed files emptied because none of their records is left with content.</param>
public sealed record MetadataPurgeResult(long Records, long PurgedThroughSeq, IReadOnlyList<string> DroppedPartitions, long Files);
