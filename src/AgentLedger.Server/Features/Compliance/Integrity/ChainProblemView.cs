using AgentLedger.Core.Integrity;

namespace AgentLedger.Server.Features.Compliance.Integrity;

/// <summary>One problem of a chain verification as the API and the CLI show it.</summary>
/// <param name="Kind"><c>modified</c>, <c>missing</c>, <c>reordered</c>, <c>anchor_mismatch</c> or <c>unchained</c>.</param>
/// <param name="Seq">The record's seq; the first of a missing range.</param>
/// <param name="ToSeq">The last seq of a missing range, or the other seq of a reordered pair.</param>
public sealed record ChainProblemView(string Kind, long Seq, long? ToSeq, string Detail)
{
    public static ChainProblemView From(ChainProblem problem) => new(KindName(problem.Kind), problem.Seq, problem.ToSeq, problem.Detail);

    public static string KindName(ChainProblemKind kind) => kind switch
    {
        ChainProblemKind.Modified => "modified",
        ChainProblemKind.Missing => "missing",
        ChainProblemKind.Reordered => "reordered",
        ChainProblemKind.AnchorMismatch => "anchor_mismatch",
        ChainProblemKind.Unchained => "unchained",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
