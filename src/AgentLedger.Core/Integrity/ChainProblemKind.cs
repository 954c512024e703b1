namespace AgentLedger.Core.Integrity;

/// <summary>What <see cref="RecordChainVerifier"/> found wrong, in the words CloudTrail's log validation uses.</summary>
public enum ChainProblemKind
{
    /// <summary>The record at the seq was changed after it was stored (its content or metadata no longer hashes to what was chained).</summary>
    Modified,

    /// <summary>Seqs that were assigned are gone without a retention purge that covers them.</summary>
    Missing,

    /// <summary>Two records trade places: each hashes correctly only at the other's seq.</summary>
    Reordered,

    /// <summary>A workspace or log-file head does not match the chain hash stored at its seq (the chain was rewritten).</summary>
    AnchorMismatch,

    /// <summary>A record has no stored hashes (written before the chain existed and never backfilled).</summary>
    Unchained,
}
