namespace AgentLedger.Server.Features.Admin;

/// <param name="LastUsedAt">When the key last authenticated a request, to within a minute; absent when never used.</param>
public sealed record ApiKeyResponse(
    string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
