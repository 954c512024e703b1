namespace AgentLedger.Core.Gateway;

/// <summary>
/// A tool result the agent sent back to the model: the output, and the name and arguments of the call it answers
/// (found in the replayed history by call id; null when the history does not hold it).
/// </summary>
public sealed record GatewayToolResult(string? CallId, string? Name, string? Arguments, string Output);
