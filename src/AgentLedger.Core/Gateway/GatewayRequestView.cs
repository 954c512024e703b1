namespace AgentLedger.Core.Gateway;

/// <summary>
/// What one model request adds to the conversation: the new user input (not the replayed history; agent-injected
/// context such as <c>&lt;environment_context&gt;</c> or <c>&lt;system-reminder&gt;</c> blocks is left out) and the
/// tool results sent back since the model last answered.
/// </summary>
public sealed record GatewayRequestView(string? Model, bool Stream, string? Prompt, IReadOnlyList<GatewayToolResult> ToolResults)
{
    public static readonly GatewayRequestView Empty = new(null, false, null, []);
}
