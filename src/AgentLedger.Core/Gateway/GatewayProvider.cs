namespace AgentLedger.Core.Gateway;

/// <summary>A model provider: one upstream (base URL and key) per workspace and provider.</summary>
public enum GatewayProvider
{
    OpenAi,
    Anthropic,
    Gemini,
}
