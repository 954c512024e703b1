using System.Collections.Frozen;

namespace AgentLedger.Core.Records;

/// <summary>One row of the client catalog: a client id with its wire name, agent and surface.</summary>
public sealed record ClientDescriptor(ClientId Id, string WireName, Agent Agent, Surface Surface);

/// <summary>
/// The single table that ties client ids to their wire names (as the Codex Analytics API spells them),
/// their agent and their surface. Surface is derived from the client id, never sent separately, so that
/// "daily CLI users" means the same thing for every source.
/// </summary>
public static class ClientCatalog
{
    private static readonly ClientDescriptor[] All =
    [
        new(ClientId.UnknownDefault, "CODEX_UNKNOWN_DEFAULT", Agent.Unknown, Surface.Other),
        new(ClientId.CodexCli, "CODEX_CLI", Agent.Codex, Surface.Cli),
        new(ClientId.CodexIdeVsCode, "CODEX_IDE_VSCODE", Agent.Codex, Surface.Ide),
        new(ClientId.CodexIdeJetBrains, "CODEX_IDE_JETBRAINS", Agent.Codex, Surface.Ide),
        new(ClientId.CodexDesktopApp, "CODEX_DESKTOP_APP", Agent.Codex, Surface.Desktop),
        new(ClientId.CodexWeb, "CODEX_WEB", Agent.Codex, Surface.Cloud),
        new(ClientId.CodexGitHub, "CODEX_GITHUB", Agent.Codex, Surface.CodeReview),
        new(ClientId.CodexSlack, "CODEX_SLACK", Agent.Codex, Surface.Cloud),
        new(ClientId.CodexSdkTypeScript, "CODEX_SDK_TYPESCRIPT", Agent.Codex, Surface.Sdk),
        new(ClientId.ClaudeCodeCli, "CLAUDE_CODE_CLI", Agent.ClaudeCode, Surface.Cli),
        new(ClientId.ClaudeCodeIdeVsCode, "CLAUDE_CODE_IDE_VSCODE", Agent.ClaudeCode, Surface.Ide),
        new(ClientId.ClaudeCodeIdeJetBrains, "CLAUDE_CODE_IDE_JETBRAINS", Agent.ClaudeCode, Surface.Ide),
        new(ClientId.ClaudeCodeDesktop, "CLAUDE_CODE_DESKTOP", Agent.ClaudeCode, Surface.Desktop),
        new(ClientId.ClaudeCodeWeb, "CLAUDE_CODE_WEB", Agent.ClaudeCode, Surface.Cloud),
        new(ClientId.ClaudeCodeGitHubAction, "CLAUDE_CODE_GITHUB_ACTION", Agent.ClaudeCode, Surface.CodeReview),
        new(ClientId.ClaudeCodeSdk, "CLAUDE_CODE_SDK", Agent.ClaudeCode, Surface.Sdk),
        new(ClientId.GeminiCli, "GEMINI_CLI", Agent.GeminiCli, Surface.Cli),
        new(ClientId.GeminiCodeAssistVsCode, "GEMINI_CODE_ASSIST_VSCODE", Agent.GeminiCli, Surface.Ide),
        new(ClientId.GeminiCodeAssistJetBrains, "GEMINI_CODE_ASSIST_JETBRAINS", Agent.GeminiCli, Surface.Ide),
        new(ClientId.GitHubCopilotIde, "GITHUB_COPILOT_IDE", Agent.GitHubCopilot, Surface.Ide),
        new(ClientId.GitHubCopilotCodeReview, "GITHUB_COPILOT_CODE_REVIEW", Agent.GitHubCopilot, Surface.CodeReview),
        new(ClientId.CustomCli, "CUSTOM_CLI", Agent.Custom, Surface.Cli),
        new(ClientId.CustomIde, "CUSTOM_IDE", Agent.Custom, Surface.Ide),
        new(ClientId.CustomCloud, "CUSTOM_CLOUD", Agent.Custom, Surface.Cloud),
        new(ClientId.CustomCodeReview, "CUSTOM_CODE_REVIEW", Agent.Custom, Surface.CodeReview),
    ];

    private static readonly FrozenDictionary<ClientId, ClientDescriptor> ById = All.ToFrozenDictionary(d => d.Id);

    private static readonly FrozenDictionary<string, ClientDescriptor> ByWireName =
        All.ToFrozenDictionary(d => d.WireName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known client, in declaration order.</summary>
    public static IReadOnlyList<ClientDescriptor> Clients => All;

    public static ClientDescriptor Describe(ClientId id) => ById[id];

    public static string WireName(ClientId id) => ById[id].WireName;

    public static Surface SurfaceOf(ClientId id) => ById[id].Surface;

    public static Agent AgentOf(ClientId id) => ById[id].Agent;

    public static bool TryParse(string? wireName, out ClientId id)
    {
        if (wireName is not null && ByWireName.TryGetValue(wireName, out var descriptor))
        {
            id = descriptor.Id;
            return true;
        }

        id = ClientId.UnknownDefault;
        return false;
    }

    /// <summary>The client an agent reports from on a surface when the source does not say which.</summary>
    public static ClientId DefaultFor(Agent agent, Surface surface) =>
        All.FirstOrDefault(d => d.Agent == agent && d.Surface == surface)?.Id
        ?? All.FirstOrDefault(d => d.Agent == Agent.Custom && d.Surface == surface)?.Id
        ?? ClientId.UnknownDefault;
}
