using AgentLedger.Core.Gateway;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// The model gateway's routes, each speaking its provider's wire protocol under <c>/gateway/&lt;provider&gt;</c>, so that
/// an agent's base-URL setting is all that changes: Codex <c>base_url = …/gateway/openai/v1</c>, Claude Code
/// <c>ANTHROPIC_BASE_URL=…/gateway/anthropic</c>, Gemini CLI <c>GOOGLE_GEMINI_BASE_URL=…/gateway/gemini</c>.
/// Model calls are recorded; other provider paths (model lists, token counts) are relayed as they are.
/// </summary>
public static class GatewayEndpoints
{
    public const string Tag = "Gateway";

    public static IEndpointRouteBuilder MapAgentLedgerGateway(this IEndpointRouteBuilder routes)
    {
        // The key is checked in the handler (GatewayCallerAuthenticator): agents expect refusals in their provider's shape.
        var group = routes.MapGroup("/gateway").WithTags(Tag).ChecksScopeInHandler(ApiKeyScope.Gateway);
        group.MapPost("/openai/v1/responses", (HttpContext c, GatewayForwarder f) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.OpenAi, "responses", GatewayApi.OpenAiResponses)))
            .WithSummary("OpenAI Responses API through the gateway (what Codex CLI calls).")
            .WithDescription(Description("OpenAI Responses API", "Authorization: Bearer"));
        group.MapPost("/openai/v1/chat/completions", (HttpContext c, GatewayForwarder f) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.OpenAi, "chat/completions", GatewayApi.OpenAiChatCompletions)))
            .WithSummary("OpenAI Chat Completions through the gateway.")
            .WithDescription(Description("OpenAI Chat Completions API", "Authorization: Bearer"));
        group.MapPost("/anthropic/v1/messages", (HttpContext c, GatewayForwarder f) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.Anthropic, "v1/messages", GatewayApi.AnthropicMessages)))
            .WithSummary("Anthropic Messages API through the gateway (what Claude Code calls).")
            .WithDescription(Description("Anthropic Messages API", "x-api-key"));
        group.MapPost("/gemini/{version}/models/{target}", (HttpContext c, GatewayForwarder f, string version, string target) =>
                f.ForwardAsync(c, GeminiRoute(version, target)))
            .WithSummary("Gemini generateContent / streamGenerateContent through the gateway (what Gemini CLI calls).")
            .WithDescription(Description("Gemini API (`{model}:generateContent`, `{model}:streamGenerateContent?alt=sse`)", "x-goog-api-key"));
        group.Map("/openai/v1/{**path}", (HttpContext c, GatewayForwarder f, string path) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.OpenAi, path, null)))
            .WithSummary("Any other OpenAI path, relayed without a record (model lists and the like).");
        group.Map("/anthropic/{**path}", (HttpContext c, GatewayForwarder f, string path) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.Anthropic, path, null)))
            .WithSummary("Any other Anthropic path, relayed without a record (token counts, model lists).");
        group.Map("/gemini/{**path}", (HttpContext c, GatewayForwarder f, string path) =>
                f.ForwardAsync(c, new GatewayRoute(GatewayProvider.Gemini, path, null)))
            .WithSummary("Any other Gemini path, relayed without a record (countTokens, model lists).");
        return routes;
    }

    /// <summary><c>{model}:generateContent</c> and <c>{model}:streamGenerateContent</c> are recorded; other methods are relayed.</summary>
    private static GatewayRoute GeminiRoute(string version, string target)
    {
        var colon = target.LastIndexOf(':');
        var method = colon < 0 ? "" : target[(colon + 1)..];
        var path = $"{version}/models/{target}";
        return method is "generateContent" or "streamGenerateContent"
            ? new GatewayRoute(GatewayProvider.Gemini, path, GatewayApi.GeminiGenerateContent, target[..colon], method == "streamGenerateContent")
            : new GatewayRoute(GatewayProvider.Gemini, path, null);
    }

    private static string Description(string api, string slot) =>
        $"Speaks the {api} unchanged and forwards to the workspace's configured upstream with the provider key AgentLedger holds. " +
        $"Authenticate with an AgentLedger key that has the `gateway` scope, presented where the provider key goes ({slot}), " +
        "or in `X-AgentLedger-Key` when the upstream passes the client's own provider key through. Streams (SSE) are relayed chunk by chunk. " +
        "The workspace's DLP policy runs first (Block → 400 in the provider's error shape, Redact → the value is replaced before sending); " +
        "the exchange (new prompt, tool results, assembled answer, tool calls, usage, latency) is recorded. " +
        "AgentLedger's own errors (401, 403, 413, 502 unreachable, 504 timeout) are in the provider's error shape; the provider's own errors pass through unchanged.";
}
