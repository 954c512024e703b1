using AgentLedger.Core.Integrations;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>The GitHub integration store with the webhook secret encrypted at rest.</summary>
internal sealed class ProtectedGitHubIntegrationStore(IGitHubIntegrationStore inner, SecretProtector protector) : IGitHubIntegrationStore
{
    public async Task<GitHubIntegration?> FindAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var stored = await inner.FindAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : stored with { WebhookSecret = protector.Unprotect(stored.WebhookSecret) };
    }

    public async Task<IReadOnlyList<GitHubIntegration>> ListAllAsync(CancellationToken cancellationToken) =>
        (await inner.ListAllAsync(cancellationToken).ConfigureAwait(false))
        .Select(i => i with { WebhookSecret = protector.Unprotect(i.WebhookSecret) }).ToList();

    public Task SaveAsync(GitHubIntegration integration, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.SaveAsync(integration with { WebhookSecret = protector.Protect(integration.WebhookSecret) }, at, cancellationToken);

    public Task<bool> IsReviewCommentAsync(string workspaceId, string commentId, CancellationToken cancellationToken) =>
        inner.IsReviewCommentAsync(workspaceId, commentId, cancellationToken);
}
