using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Which agent sent a model request, and the session and turn it belongs to, from what the real agents send (captured
/// from the CLIs; see docs/adr/0006-gateway.md): Codex <c>session-id</c> (= its OTLP <c>conversation.id</c>) and the
/// <c>turn_id</c> in <c>x-codex-turn-metadata</c>; Claude Code <c>X-Claude-Code-Session-Id</c> (= its OTLP
/// <c>session.id</c>). Any client may send <c>x-agentledger-session-id</c> / <c>x-agentledger-turn-id</c>, which win.
/// </summary>
public sealed record GatewayClient(Agent Agent, ClientId ClientId, string? Version, string? SessionId, string? TurnId)
{
    public const string SessionHeader = "x-agentledger-session-id";
    public const string TurnHeader = "x-agentledger-turn-id";

    /// <param name="header">Reads a request header by (case-insensitive) name; null when absent.</param>
    public static GatewayClient Detect(string? userAgent, Func<string, string?> header)
    {
        var ua = userAgent ?? "";
        var (agent, client, version) = ua switch
        {
            _ when ua.StartsWith("codex", StringComparison.OrdinalIgnoreCase) => (Agent.Codex, CodexClient(ua), VersionAfterSlash(ua)),
            _ when ua.StartsWith("claude-cli/", StringComparison.OrdinalIgnoreCase) => (Agent.ClaudeCode, ClaudeClient(ua), VersionAfterSlash(ua)),
            _ when ua.StartsWith("GeminiCLI", StringComparison.OrdinalIgnoreCase) => (Agent.GeminiCli, ClientId.GeminiCli, VersionAfterSlash(ua)),
            _ => (Agent.Unknown, ClientId.UnknownDefault, null),
        };

        var session = header(SessionHeader) ?? agent switch
        {
            Agent.Codex => header("session-id") ?? header("thread-id"),
            Agent.ClaudeCode => header("x-claude-code-session-id"),
            _ => null,
        };
        var turn = header(TurnHeader) ?? (agent == Agent.Codex ? CodexTurn(header("x-codex-turn-metadata")) : null);
        return new GatewayClient(agent, client, version, Blank(session), Blank(turn));
    }

    private static ClientId CodexClient(string ua) => ua switch
    {
        _ when ua.Contains("vscode", StringComparison.OrdinalIgnoreCase) => ClientId.CodexIdeVsCode,
        _ when ua.Contains("jetbrains", StringComparison.OrdinalIgnoreCase) => ClientId.CodexIdeJetBrains,
        _ when ua.StartsWith("codex_sdk", StringComparison.OrdinalIgnoreCase) => ClientId.CodexSdkTypeScript,
        _ => ClientId.CodexCli,
    };

    private static ClientId ClaudeClient(string ua) => ua switch
    {
        _ when ua.Contains("vscode", StringComparison.OrdinalIgnoreCase) => ClientId.ClaudeCodeIdeVsCode,
        _ when ua.Contains("jetbrains", StringComparison.OrdinalIgnoreCase) => ClientId.ClaudeCodeIdeJetBrains,
        _ => ClientId.ClaudeCodeCli,
    };

    private static string? VersionAfterSlash(string ua)
    {
        var slash = ua.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var rest = ua[(slash + 1)..];
        var end = rest.IndexOfAny([' ', '/', ';', '(']);
        return Blank(end < 0 ? rest : rest[..end]);
    }

    private static string? CodexTurn(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(metadata)?["turn_id"] is JsonValue v && v.TryGetValue<string>(out var turn) ? turn : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
