namespace AgentLedger.Server.Features.Admin;

public sealed record WorkspaceResponse(string WorkspaceId, string Name, DateTimeOffset CreatedAt, long Records, long LastSeq);

public sealed record ApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <param name="Token">The key itself. It is shown only in this response; store it in a secret manager.</param>
public sealed record CreatedApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, string Token);

public sealed record DirectoryUserRequest(string? Email, string? DisplayName, string? Team);

public sealed record DirectoryUserResponse(string UserId, string? Email, string? DisplayName, string? Team);

public sealed record DirectoryUsersPage(IReadOnlyList<DirectoryUserResponse> Data, bool HasMore, string? NextPage);
