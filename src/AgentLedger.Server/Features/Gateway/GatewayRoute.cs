using AgentLedger.Core.Gateway;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// Where a gateway request goes: the provider, the path under the provider's base URL, and — for model calls that
/// are recorded — the wire API (other provider paths, such as model lists, are relayed without a record).
/// </summary>
public sealed record GatewayRoute(GatewayProvider Provider, string UpstreamPath, GatewayApi? Api, string? PathModel = null, bool PathStream = false);
