namespace AgentLedger.Core.Integrations;

/// <summary>GitHub webhook settings per workspace, and the lookup that threads replies onto the bot's comments.</summary>
public interface IGitHubIntegrationStore
{
    Task<GitHubIntegration?> FindAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Every workspace's settings (the start-up pass that encrypts secrets stored before encryption existed).</summary>
    Task<IReadOnlyList<GitHubIntegration>> ListAllAsync(CancellationToken cancellationToken);

    Task SaveAsync(GitHubIntegration integration, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether a review comment with this id is stored for the workspace (a reviewer bot's comment).</summary>
    Task<bool> IsReviewCommentAsync(string workspaceId, string commentId, CancellationToken cancellationToken);
}
