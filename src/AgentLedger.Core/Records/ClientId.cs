namespace AgentLedger.Core.Records;

/// <summary>
/// The client surface id, one enum across agents, in the style of the Codex Analytics API
/// (<c>CODEX_CLI</c>, <c>CODEX_IDE_VSCODE</c>, …). Wire names, agent and surface of each member are in
/// <see cref="ClientCatalog"/>.
/// </summary>
public enum ClientId
{
    UnknownDefault = 0,
    CodexCli,
    CodexIdeVsCode,
    CodexIdeJetBrains,
    CodexDesktopApp,
    CodexWeb,
    CodexGitHub,
    CodexSlack,
    CodexSdkTypeScript,
    ClaudeCodeCli,
    ClaudeCodeIdeVsCode,
    ClaudeCodeIdeJetBrains,
    ClaudeCodeDesktop,
    ClaudeCodeWeb,
    ClaudeCodeGitHubAction,
    ClaudeCodeSdk,
    GeminiCli,
    GeminiCodeAssistVsCode,
    GeminiCodeAssistJetBrains,
    GitHubCopilotIde,
    GitHubCopilotCodeReview,
    CustomCli,
    CustomIde,
    CustomCloud,
    CustomCodeReview,
}
