using AgentLedger.Core.Identity;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>The real directory, except that writing users waits until the test opens the gate.</summary>
internal sealed class GatedDirectoryStore(IDirectoryStore inner, Task gate) : IDirectoryStore
{
    public async Task<IReadOnlyList<DirectoryUser>> UpsertUsersAsync(string workspaceId, IReadOnlyList<DirectoryUserUpdate> users, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return await inner.UpsertUsersAsync(workspaceId, users, cancellationToken);
    }

    public Task<DirectoryUser?> FindUserAsync(string workspaceId, string userId, CancellationToken cancellationToken) =>
        inner.FindUserAsync(workspaceId, userId, cancellationToken);

    public Task<DirectoryUser?> FindUserByIdentifierAsync(string workspaceId, string identifier, CancellationToken cancellationToken) =>
        inner.FindUserByIdentifierAsync(workspaceId, identifier, cancellationToken);

    public Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string workspaceId, string? afterUserId, int limit, CancellationToken cancellationToken) =>
        inner.ListUsersAsync(workspaceId, afterUserId, limit, cancellationToken);
}
