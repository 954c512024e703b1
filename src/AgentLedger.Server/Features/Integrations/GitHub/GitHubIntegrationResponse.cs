namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>GitHub webhook settings of a workspace, without the secret.</summary>
/// <param name="ReviewerLogins">Logins of the AI reviewer bot(s).</param>
/// <param name="ClientId">Client id the reviews are recorded under.</param>
/// <param name="WebhookSecretSet">Whether a secret is configured (it is never returned).</param>
/// <param name="WebhookUrl">Path to configure as the webhook's payload URL (after this server's base URL).</param>
public sealed record GitHubIntegrationResponse(IReadOnlyList<string> ReviewerLogins, string ClientId, bool WebhookSecretSet, string WebhookUrl);
