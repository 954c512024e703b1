namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Review comments by priority badge (P0 most severe). P3 is an AgentLedger addition.</summary>
/// <param name="P0">Comments with a P0 badge (must fix).</param>
/// <param name="P1">Comments with a P1 badge.</param>
/// <param name="P2">Comments with a P2 badge.</param>
/// <param name="P3">Comments with a P3 badge (least severe).</param>
public sealed record CodexCommentDetails(long P0, long P1, long P2, long P3);
