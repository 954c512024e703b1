namespace AgentLedger.Core.Keys;

/// <summary>A stored API key: everything but the secret, which is kept only as a hash.</summary>
/// <param name="LastUsedAt">When the key last authenticated a request, to within about a minute (the write is throttled).</param>
public sealed record ApiKeyInfo(
    string KeyId,
    string WorkspaceId,
    string Name,
    ApiKeyScope Scopes,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt = null);
