using System.Text.Json;
using System.Text.Json.Nodes;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Errors in each provider's own shape, so that the agent shows the message as it shows the provider's own:
/// OpenAI <c>{"error":{"message","type","param","code"}}</c>, Anthropic <c>{"type":"error","error":{"type","message"}}</c>,
/// Gemini <c>{"error":{"code","message","status"}}</c> (google.rpc.Status).
/// </summary>
public static class GatewayErrors
{
    /// <param name="code">A short machine code (<c>policy_blocked</c>, <c>upstream_unreachable</c>, …), OpenAI's <c>code</c>.</param>
    public static byte[] Body(GatewayProvider provider, int status, string code, string message)
    {
        JsonObject body = provider switch
        {
            GatewayProvider.OpenAi => new JsonObject
            {
                ["error"] = new JsonObject { ["message"] = message, ["type"] = OpenAiType(status), ["param"] = null, ["code"] = code },
            },
            GatewayProvider.Anthropic => new JsonObject
            {
                ["type"] = "error",
                ["error"] = new JsonObject { ["type"] = AnthropicType(status), ["message"] = message },
            },
            GatewayProvider.Gemini => new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = GoogleStatus(status) },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>The message of a provider error body (any of the three shapes), or null when there is none.</summary>
    public static string? MessageOf(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json
                ? Str(json["error"]?["message"]) ?? Str(json["message"]) ?? Str(json["error"])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OpenAiType(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        413 or 400 => "invalid_request_error",
        429 => "rate_limit_error",
        _ => "server_error",
    };

    private static string AnthropicType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        _ => "api_error",
    };

    private static string GoogleStatus(int status) => status switch
    {
        400 or 413 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNAVAILABLE",
    };
}
