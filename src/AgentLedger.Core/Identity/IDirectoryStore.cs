namespace AgentLedger.Core.Identity;

/// <summary>The per-workspace directory of users and the identifiers they are known by.</summary>
public interface IDirectoryStore
{
    /// <summary>Creates or updates users by e-mail; returns them with their ids.</summary>
    Task<IReadOnlyList<DirectoryUser>> UpsertUsersAsync(string workspaceId, IReadOnlyList<DirectoryUserUpdate> users, CancellationToken cancellationToken);

    Task<DirectoryUser?> FindUserAsync(string workspaceId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// The user an identifier is linked to, or null. <paramref name="identifier"/> is a namespaced lookup key as
    /// <see cref="AgentLedger.Core.Records.ActorIdentity.Keys"/> builds it (<c>email:&lt;lower-cased e-mail&gt;</c>, <c>login:…</c>).
    /// </summary>
    Task<DirectoryUser?> FindUserByIdentifierAsync(string workspaceId, string identifier, CancellationToken cancellationToken);

    /// <summary>Users ordered by id, after <paramref name="afterUserId"/> (keyset paging).</summary>
    Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string workspaceId, string? afterUserId, int limit, CancellationToken cancellationToken);
}
