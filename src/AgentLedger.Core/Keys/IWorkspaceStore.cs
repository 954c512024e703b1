namespace AgentLedger.Core.Keys;

/// <summary>Workspaces and their API keys.</summary>
public interface IWorkspaceStore
{
    /// <summary>Creates the workspace if it does not exist; returns it either way.</summary>
    Task<Workspace> EnsureWorkspaceAsync(string workspaceId, string name, CancellationToken cancellationToken);

    Task<Workspace?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken);

    Task CreateApiKeyAsync(ApiKeyInfo key, CancellationToken cancellationToken);

    Task<ApiKeyInfo?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Revokes a key of the workspace; false when no such active key exists.</summary>
    Task<bool> RevokeApiKeyAsync(string workspaceId, string keyId, DateTimeOffset at, CancellationToken cancellationToken);
}
