using AgentLedger.Core.Records;

namespace AgentLedger.Core.Integrations;

/// <summary>
/// A workspace's GitHub webhook settings: the secret GitHub signs deliveries with, the logins of the AI reviewer
/// bot(s) whose reviews and comments count as code review, and the client id their activity is recorded under.
/// </summary>
public sealed record GitHubIntegration(string WorkspaceId, string WebhookSecret, IReadOnlyList<string> ReviewerLogins, ClientId ClientId)
{
    public bool IsReviewer(string? login) =>
        login is not null && ReviewerLogins.Contains(login.Trim(), StringComparer.OrdinalIgnoreCase);
}
