using AgentLedger.Core.Gateway;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>The model gateway (configuration section <c>Gateway</c>). See README "Route your agents through the gateway".</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Who counts turns and tokens of gateway sessions; see docs/adr/0006-gateway.md.</summary>
    public GatewayAccounting Accounting { get; set; } = GatewayAccounting.Telemetry;

    /// <summary>Per provider (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>).</summary>
    public Dictionary<string, GatewayUpstreamOptions> Upstreams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, GatewayWorkspaceOptions> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The largest request body forwarded (413 in the provider's shape beyond it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>The most bytes relayed from one answer; a longer one is cut off and recorded as an error.</summary>
    public long MaxResponseBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>How long the provider may take to start answering (status and headers) before the agent gets a 504.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest silence inside a streamed answer before it is cut off (and recorded as timed out).</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a TCP/TLS connection to the provider before the agent gets a 502.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static IReadOnlyDictionary<GatewayProvider, string> DefaultBaseUrls { get; } = new Dictionary<GatewayProvider, string>
    {
        [GatewayProvider.OpenAi] = "https://api.openai.com/v1",
        [GatewayProvider.Anthropic] = "https://api.anthropic.com",
        [GatewayProvider.Gemini] = "https://generativelanguage.googleapis.com",
    };

    public GatewayAccounting AccountingFor(string workspaceId) =>
        Workspaces.GetValueOrDefault(workspaceId)?.Accounting ?? Accounting;

    /// <summary>The upstream of a workspace and provider: the workspace's settings over the global ones over the defaults.</summary>
    public GatewayUpstreamOptions UpstreamFor(string workspaceId, GatewayProvider provider)
    {
        var name = GatewayApis.WireName(provider);
        var global = Upstreams.GetValueOrDefault(name);
        var workspace = Workspaces.GetValueOrDefault(workspaceId)?.Upstreams.GetValueOrDefault(name);
        return new GatewayUpstreamOptions
        {
            BaseUrl = (workspace?.BaseUrl ?? global?.BaseUrl ?? DefaultBaseUrls[provider]).TrimEnd('/'),
            ApiKey = workspace is not null ? workspace.ApiKey ?? (workspace.BaseUrl is null ? global?.ApiKey : null) : global?.ApiKey,
            PassClientKey = workspace?.PassClientKey ?? global?.PassClientKey ?? false,
        };
    }
}
