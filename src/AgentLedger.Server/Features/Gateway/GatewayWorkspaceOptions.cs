using AgentLedger.Core.Gateway;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>One workspace's overrides (<c>Gateway:Workspaces:&lt;workspace-id&gt;</c>).</summary>
public sealed class GatewayWorkspaceOptions
{
    public GatewayAccounting? Accounting { get; set; }

    /// <summary>Per provider (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>); unset values fall back to the global upstream.</summary>
    public Dictionary<string, GatewayUpstreamOptions> Upstreams { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
