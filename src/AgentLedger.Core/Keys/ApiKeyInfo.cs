namespace AgentLedger.Core.Keys;

/// <summary>A stored API key: everything but the secret, which is kept only as a hash.</summary>
public sealed record ApiKeyInfo(
    string KeyId,
    string WorkspaceId,
    string Name,
    ApiKeyScope Scopes,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
