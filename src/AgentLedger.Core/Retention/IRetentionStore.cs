namespace AgentLedger.Core.Retention;

/// <summary>What retention removes. Every call skips records that any active legal hold of the workspace matches.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// Clears the content fields of records that occurred before <paramref name="cutoff"/> and are not held (their content
    /// hash and chain hash stay), then empties the sealed CODEX_LOG files none of whose records still has content (their row
    /// with hashes and range stays). Holds are read in the same transaction, so a hold created before the call wins.
    /// </summary>
    Task<ContentPurgeResult> PurgeContentAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the longest run of records from the start of the chain that all occurred before <paramref name="cutoff"/> and
    /// are not held, and records the chain hash at its end as the purge checkpoint from which verification resumes. A
    /// record that is newer or held stops the run (later purges continue once it expires or is released). On PostgreSQL
    /// a monthly partition that holds only such records is dropped whole.
    /// </summary>
    Task<MetadataPurgeResult> PurgeMetadataAsync(string workspaceId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken);
}
