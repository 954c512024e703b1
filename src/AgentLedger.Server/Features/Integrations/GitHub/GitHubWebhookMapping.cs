using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>The records one delivery maps to, or why it maps to none.</summary>
public sealed record GitHubWebhookMapping(IReadOnlyList<ActivityRecord> Records, string? Ignored)
{
    public static GitHubWebhookMapping Skip(string reason) => new([], reason);
}
