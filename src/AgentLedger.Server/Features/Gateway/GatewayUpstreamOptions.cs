namespace AgentLedger.Server.Features.Gateway;

/// <summary>Where one provider's requests go (<c>Gateway:Upstreams:&lt;provider&gt;</c>, or per workspace).</summary>
public sealed class GatewayUpstreamOptions
{
    /// <summary>
    /// The provider's base URL, as the agents' own base-URL settings take it: OpenAI <c>https://api.openai.com/v1</c>,
    /// Anthropic <c>https://api.anthropic.com</c>, Gemini <c>https://generativelanguage.googleapis.com</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The provider key AgentLedger holds (from the environment or a secrets file); developers never see it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// When no <see cref="ApiKey"/> is set: forward the client's own provider key. The client then presents its
    /// AgentLedger key in <c>X-AgentLedger-Key</c>, since the provider-key slot holds the provider key.
    /// </summary>
    public bool PassClientKey { get; set; }
}
