namespace AgentLedger.Server.Features.Admin;

/// <param name="Token">The key itself. It is shown only in this response; store it in a secret manager.</param>
public sealed record CreatedApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, string Token);
