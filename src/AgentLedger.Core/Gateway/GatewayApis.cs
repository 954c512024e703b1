namespace AgentLedger.Core.Gateway;

/// <summary>Wire names and providers of the <see cref="GatewayApi"/> values.</summary>
public static class GatewayApis
{
    public static GatewayProvider ProviderOf(GatewayApi api) => api switch
    {
        GatewayApi.OpenAiResponses or GatewayApi.OpenAiChatCompletions => GatewayProvider.OpenAi,
        GatewayApi.AnthropicMessages => GatewayProvider.Anthropic,
        GatewayApi.GeminiGenerateContent => GatewayProvider.Gemini,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    /// <summary>The name stored in a record's <c>gateway.api</c> attribute.</summary>
    public static string WireName(GatewayApi api) => api switch
    {
        GatewayApi.OpenAiResponses => "openai.responses",
        GatewayApi.OpenAiChatCompletions => "openai.chat_completions",
        GatewayApi.AnthropicMessages => "anthropic.messages",
        GatewayApi.GeminiGenerateContent => "gemini.generate_content",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    public static string WireName(GatewayProvider provider) => provider switch
    {
        GatewayProvider.OpenAi => "openai",
        GatewayProvider.Anthropic => "anthropic",
        GatewayProvider.Gemini => "gemini",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
