namespace AgentLedger.Core.Integrity;

/// <summary>What a workspace's chain should look like, read before its records are walked.</summary>
/// <param name="LastSeq">The workspace's highest assigned seq: every seq up to it exists or was purged.</param>
/// <param name="PurgedThroughSeq">Records up to this seq were deleted by metadata retention (0 when none).</param>
/// <param name="PurgedThroughSha256">The chain hash at <paramref name="PurgedThroughSeq"/>, from which the chain resumes.</param>
/// <param name="Anchors">The workspace head and every sealed log file's head, by seq.</param>
public sealed record ChainState(long LastSeq, long PurgedThroughSeq, byte[]? PurgedThroughSha256, IReadOnlyList<ChainAnchor> Anchors);
