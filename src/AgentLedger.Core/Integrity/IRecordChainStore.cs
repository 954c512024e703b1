namespace AgentLedger.Core.Integrity;

/// <summary>Reads what <see cref="RecordChainVerifier"/> recomputes: records with their stored hashes, and the anchors.</summary>
public interface IRecordChainStore
{
    /// <summary>The workspace's last seq, metadata purge checkpoint and chain anchors; null when the workspace does not exist.</summary>
    Task<ChainState?> ReadStateAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored rows with seq greater than <paramref name="afterSeq"/>, in seq order, as stored.</summary>
    Task<IReadOnlyList<ChainedRecord>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken);
}
