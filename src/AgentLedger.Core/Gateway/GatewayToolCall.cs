namespace AgentLedger.Core.Gateway;

/// <summary>A tool the model asked the agent to run: its call id, name and arguments (JSON text) as the provider sent them.</summary>
public sealed record GatewayToolCall(string? CallId, string Name, string Arguments);
