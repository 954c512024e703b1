namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>GitHub webhook settings of a workspace.</summary>
/// <param name="WebhookSecret">The secret set on the GitHub webhook (at least 16 characters); deliveries are verified with it.</param>
/// <param name="ReviewerLogins">Logins of the AI reviewer bot(s), e.g. <c>chatgpt-codex-connector[bot]</c>.</param>
/// <param name="ClientId">Client id the reviews are recorded under (default CODEX_GITHUB).</param>
public sealed record GitHubIntegrationRequest(string? WebhookSecret, IReadOnlyList<string>? ReviewerLogins, string? ClientId);
