namespace AgentLedger.Core.Gateway;

/// <summary>The provider wire protocols the model gateway speaks, each on its own route.</summary>
public enum GatewayApi
{
    /// <summary>OpenAI Responses API (<c>POST …/v1/responses</c>), what Codex CLI uses.</summary>
    OpenAiResponses,

    /// <summary>OpenAI Chat Completions (<c>POST …/v1/chat/completions</c>).</summary>
    OpenAiChatCompletions,

    /// <summary>Anthropic Messages (<c>POST …/v1/messages</c>), what Claude Code uses.</summary>
    AnthropicMessages,

    /// <summary>Gemini <c>generateContent</c> / <c>streamGenerateContent</c>, what Gemini CLI uses.</summary>
    GeminiGenerateContent,
}
