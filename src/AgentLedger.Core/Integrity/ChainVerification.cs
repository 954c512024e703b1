namespace AgentLedger.Core.Integrity;

/// <summary>The outcome of verifying one workspace's chain.</summary>
/// <param name="Valid">True when nothing is wrong.</param>
/// <param name="RecordsChecked">Stored records recomputed.</param>
/// <param name="ContentPurged">Of those, records whose content was purged (their stored content hash stood in).</param>
/// <param name="PurgedThroughSeq">Records up to this seq were removed by metadata retention; the chain resumes after it.</param>
/// <param name="LastSeq">The workspace's highest assigned seq.</param>
/// <param name="HeadSha256">The chain hash at <paramref name="LastSeq"/> as stored, hex; null when there is none.</param>
/// <param name="AnchorsChecked">Workspace and log-file heads compared.</param>
/// <param name="Truncated">True when more problems were found than <see cref="RecordChainVerifier.MaxProblems"/>.</param>
public sealed record ChainVerification(
    string WorkspaceId,
    bool Valid,
    long RecordsChecked,
    long ContentPurged,
    long PurgedThroughSeq,
    long LastSeq,
    string? HeadSha256,
    int AnchorsChecked,
    IReadOnlyList<ChainProblem> Problems,
    bool Truncated);
