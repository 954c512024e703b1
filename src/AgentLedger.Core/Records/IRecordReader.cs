namespace AgentLedger.Core.Records;

/// <summary>Reads stored records in arrival order.</summary>
public interface IRecordReader
{
    /// <summary>Up to <paramref name="limit"/> records with <c>seq</c> greater than <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<ActivityRecord>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The workspace's record count and highest seq.</summary>
    Task<(long Count, long LastSeq)> CountAsync(string workspaceId, CancellationToken cancellationToken);
}
