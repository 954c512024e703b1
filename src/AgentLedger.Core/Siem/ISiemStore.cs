namespace AgentLedger.Core.Siem;

/// <summary>
/// SIEM destinations and their durable delivery progress. The checkpoint only moves forward, and only through
/// <see cref="CommitAsync"/> from the value the deliverer read (compare-and-set), so a deliverer that lost its lease
/// cannot move it back or skip what another deliverer is doing.
/// </summary>
public interface ISiemStore
{
    /// <summary>Stores a new destination with its checkpoint at <paramref name="startAfterSeq"/> (0 = from the first item).</summary>
    Task CreateAsync(SiemDestination destination, long startAfterSeq, CancellationToken cancellationToken);

    /// <summary>Replaces a destination's configuration; its progress stays. False when it does not exist.</summary>
    Task<bool> UpdateAsync(SiemDestination destination, CancellationToken cancellationToken);

    /// <summary>Deletes a destination with its progress and set-aside items. False when it did not exist.</summary>
    Task<bool> DeleteAsync(string workspaceId, string destinationId, CancellationToken cancellationToken);

    Task<SiemDestination?> FindAsync(string workspaceId, string destinationId, CancellationToken cancellationToken);

    /// <summary>The workspace's destinations in creation order.</summary>
    Task<IReadOnlyList<SiemDestination>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Every enabled destination of every workspace: what the delivery service runs.</summary>
    Task<IReadOnlyList<SiemDestination>> ListEnabledAsync(CancellationToken cancellationToken);

    Task<SiemDeliveryState?> GetStateAsync(string workspaceId, string destinationId, CancellationToken cancellationToken);

    /// <summary>Records, before sending, that items up to <paramref name="uptoSeq"/> are being sent (raises <see cref="SiemDeliveryState.AttemptedSeq"/>).</summary>
    Task BeginAttemptAsync(string workspaceId, string destinationId, long uptoSeq, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the checkpoint from <see cref="SiemCommit.FromSeq"/> to <see cref="SiemCommit.ToSeq"/>, adds the counts,
    /// stores the set-aside items, sets the last success and clears the last error, in one transaction. False, changing
    /// nothing, when the checkpoint is no longer <see cref="SiemCommit.FromSeq"/> or the destination is gone.
    /// </summary>
    Task<bool> CommitAsync(string workspaceId, string destinationId, SiemCommit commit, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: the error, its time, and one more consecutive failure.</summary>
    Task RecordFailureAsync(string workspaceId, string destinationId, string error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> set-aside items with seq after <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<SiemSetAsideItem>> ListSetAsideAsync(
        string workspaceId, string destinationId, long afterSeq, int limit, CancellationToken cancellationToken);
}
