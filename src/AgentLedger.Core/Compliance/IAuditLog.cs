namespace AgentLedger.Core.Compliance;

/// <summary>The append-only audit log of each workspace.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Stores the event with the workspace's next audit seq and returns it with that seq. Seqs are gap-free and in
    /// commit order (the next seq is assigned only after the previous one committed), so a reader paging on seq never
    /// skips an event that commits later.
    /// </summary>
    Task<AuditEvent> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> events with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The workspace's highest audit seq (its event count); 0 when it has none.</summary>
    Task<long> LastSeqAsync(string workspaceId, CancellationToken cancellationToken);
}
