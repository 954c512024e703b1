namespace AgentLedger.Server.Features.Admin;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);
