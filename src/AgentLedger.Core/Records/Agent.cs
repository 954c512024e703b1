namespace AgentLedger.Core.Records;

/// <summary>The coding agent (product family) that produced a record.</summary>
public enum Agent
{
    Unknown = 0,
    Codex,
    ClaudeCode,
    GeminiCli,
    GitHubCopilot,
    Cursor,
    /// <summary>An in-house or third-party agent reporting through the native event API.</summary>
    Custom,
}
