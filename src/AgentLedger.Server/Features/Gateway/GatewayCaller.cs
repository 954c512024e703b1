namespace AgentLedger.Server.Features.Gateway;

/// <summary>The authenticated caller of a gateway request: the AgentLedger key's workspace, id and name.</summary>
/// <param name="KeyInAgentLedgerHeader">The key came in <c>X-AgentLedger-Key</c>, so the provider-key slot holds the client's own provider key.</param>
public sealed record GatewayCaller(string WorkspaceId, string KeyId, string KeyName, bool KeyInAgentLedgerHeader);
