namespace AgentLedger.Core.Governance;

/// <summary>A configured destination of a workspace's alerts and reports.</summary>
/// <param name="Target">The URL (webhook, Slack) or the comma-separated recipient addresses (e-mail).</param>
/// <param name="Secret">The webhook's signing secret; null for other kinds. Never returned by the API.</param>
public sealed record AlertChannel(
    string WorkspaceId, string ChannelId, string Name, AlertChannelKind Kind, string Target, string? Secret, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Recipients =>
        Kind == AlertChannelKind.Email ? Target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}
