namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>Review comments by priority badge (P0 most severe). P3 is an AgentLedger addition.</summary>
public sealed record CodexCommentDetails(long P0, long P1, long P2, long P3);
