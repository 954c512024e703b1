using AgentLedger.Core.Integrity;

namespace AgentLedger.Server.Features.Compliance.Integrity;

/// <summary>The result of recomputing a workspace's hash chain.</summary>
public sealed record ChainVerificationView
{
    public required string WorkspaceId { get; init; }

    /// <summary><c>valid</c> when every record, link and anchor checks out; <c>invalid</c> otherwise.</summary>
    public required string Status { get; init; }

    public required long RecordsChecked { get; init; }

    /// <summary>Records whose content retention purged; their stored content hash stood in for it.</summary>
    public required long ContentPurged { get; init; }

    /// <summary>Records up to this seq were deleted by metadata retention; the chain resumes from the hash kept for it.</summary>
    public required long PurgedThroughSeq { get; init; }

    public required long LastSeq { get; init; }

    /// <summary>Hex SHA-256 chain hash at <see cref="LastSeq"/>, as stored: compare it with a copy kept elsewhere.</summary>
    public string? HeadSha256 { get; init; }

    /// <summary>Heads compared: the workspace's and each sealed CODEX_LOG file's.</summary>
    public required int AnchorsChecked { get; init; }

    public required IReadOnlyList<ChainProblemView> Problems { get; init; }

    /// <summary>True when more than 1000 problems were found and only the first are listed.</summary>
    public required bool Truncated { get; init; }

    public static ChainVerificationView From(ChainVerification result) => new()
    {
        WorkspaceId = result.WorkspaceId,
        Status = result.Valid ? "valid" : "invalid",
        RecordsChecked = result.RecordsChecked,
        ContentPurged = result.ContentPurged,
        PurgedThroughSeq = result.PurgedThroughSeq,
        LastSeq = result.LastSeq,
        HeadSha256 = result.HeadSha256,
        AnchorsChecked = result.AnchorsChecked,
        Problems = result.Problems.Select(ChainProblemView.From).ToList(),
        Truncated = result.Truncated,
    };
}
