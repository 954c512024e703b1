namespace AgentLedger.Core.Integrity;

/// <summary>One thing wrong with a chain.</summary>
/// <param name="Seq">The record's seq (first seq of a missing range).</param>
/// <param name="ToSeq">Last seq of a missing range; the other seq of a reordered pair; null otherwise.</param>
/// <param name="Detail">Which part differs, or which anchor.</param>
public sealed record ChainProblem(ChainProblemKind Kind, long Seq, long? ToSeq, string Detail);
