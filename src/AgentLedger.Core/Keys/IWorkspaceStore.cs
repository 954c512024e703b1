namespace AgentLedger.Core.Keys;

/// <summary>Workspaces and their API keys.</summary>
public interface IWorkspaceStore
{
    /// <summary>Creates the workspace if it does not exist; returns it either way.</summary>
    Task<Workspace> EnsureWorkspaceAsync(string workspaceId, string name, CancellationToken cancellationToken);

    Task<Workspace?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a workspace on behalf of another's admin; false (and nothing changes) when the id is taken.</summary>
    Task<bool> CreateWorkspaceAsync(string workspaceId, string name, string createdByWorkspaceId, CancellationToken cancellationToken);

    /// <summary>The workspaces created by an admin of <paramref name="workspaceId"/>, in id order.</summary>
    Task<IReadOnlyList<Workspace>> ListWorkspacesCreatedByAsync(string workspaceId, CancellationToken cancellationToken);

    Task CreateApiKeyAsync(ApiKeyInfo key, CancellationToken cancellationToken);

    Task<ApiKeyInfo?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Revokes a key of the workspace; false when no such active key exists.</summary>
    Task<bool> RevokeApiKeyAsync(string workspaceId, string keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the key was used at <paramref name="at"/>, unless its recorded last use is less than
    /// <paramref name="minimumInterval"/> earlier: one conditional UPDATE, so instances sharing a database write at most
    /// once per interval between them. True when it wrote.
    /// </summary>
    Task<bool> RecordApiKeyUseAsync(string keyId, DateTimeOffset at, TimeSpan minimumInterval, CancellationToken cancellationToken);
}
