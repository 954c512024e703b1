using System.Collections.Frozen;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// What one agent looks like on the wire: its clients per surface, its models (all priced by the default price
/// book), its tool names and approval vocabulary as the real CLIs report them, and its version scheme.
/// </summary>
internal sealed record DemoAgentKit(
    Agent Agent,
    FrozenDictionary<DemoSurfaceChoice, ClientId> Clients,
    ClientId? ReviewClient,
    string MainModel,
    string StrongModel,
    string LightModel,
    IReadOnlyList<DemoTool> Tools,
    string Approve,
    string ApproveForSession,
    string Deny,
    int BaseMinor)
{
    public static readonly DemoAgentKit Codex = new(
        Agent.Codex,
        Map((DemoSurfaceChoice.Cli, ClientId.CodexCli), (DemoSurfaceChoice.VsCode, ClientId.CodexIdeVsCode),
            (DemoSurfaceChoice.JetBrains, ClientId.CodexIdeJetBrains), (DemoSurfaceChoice.Desktop, ClientId.CodexDesktopApp),
            (DemoSurfaceChoice.Cloud, ClientId.CodexWeb), (DemoSurfaceChoice.Sdk, ClientId.CodexSdkTypeScript)),
        ClientId.CodexGitHub,
        "gpt-5-codex", "gpt-5", "gpt-5.1-codex-mini",
        [new("exec_command", DemoToolKind.Shell, 5), new("apply_patch", DemoToolKind.Edit, 3), new("web_search", DemoToolKind.Web, 0.3)],
        "approved", "approved_for_session", "denied",
        52);

    public static readonly DemoAgentKit ClaudeCode = new(
        Agent.ClaudeCode,
        Map((DemoSurfaceChoice.Cli, ClientId.ClaudeCodeCli), (DemoSurfaceChoice.VsCode, ClientId.ClaudeCodeIdeVsCode),
            (DemoSurfaceChoice.JetBrains, ClientId.ClaudeCodeIdeJetBrains), (DemoSurfaceChoice.Desktop, ClientId.ClaudeCodeDesktop),
            (DemoSurfaceChoice.Cloud, ClientId.ClaudeCodeWeb), (DemoSurfaceChoice.Sdk, ClientId.ClaudeCodeSdk)),
        ClientId.ClaudeCodeGitHubAction,
        "claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5",
        [
            new("Bash", DemoToolKind.Shell, 3), new("Read", DemoToolKind.Read, 3), new("Edit", DemoToolKind.Edit, 2.5),
            new("Write", DemoToolKind.Write, 0.8), new("Grep", DemoToolKind.Search, 1.5), new("Glob", DemoToolKind.Search, 0.7),
            new("WebFetch", DemoToolKind.Web, 0.2),
        ],
        "accept", "accept", "reject",
        30);

    public static readonly DemoAgentKit GeminiCli = new(
        Agent.GeminiCli,
        Map((DemoSurfaceChoice.Cli, ClientId.GeminiCli), (DemoSurfaceChoice.VsCode, ClientId.GeminiCodeAssistVsCode),
            (DemoSurfaceChoice.JetBrains, ClientId.GeminiCodeAssistJetBrains)),
        null,
        "gemini-2.5-pro", "gemini-3-pro-preview", "gemini-2.5-flash",
        [
            new("run_shell_command", DemoToolKind.Shell, 3), new("read_file", DemoToolKind.Read, 2.5), new("replace", DemoToolKind.Edit, 2),
            new("write_file", DemoToolKind.Write, 0.8), new("search_file_content", DemoToolKind.Search, 1.2), new("glob", DemoToolKind.Search, 0.5),
            new("web_fetch", DemoToolKind.Web, 0.2),
        ],
        "accept", "auto_accept", "reject",
        12);

    public static DemoAgentKit For(Agent agent) =>
        agent switch
        {
            Agent.Codex => Codex,
            Agent.ClaudeCode => ClaudeCode,
            Agent.GeminiCli => GeminiCli,
            _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "The demo has no kit for this agent."),
        };

    public IReadOnlyList<double> ToolWeights { get; } = Tools.Select(t => t.Weight).ToArray();

    public string WireName => WireNames.Of(Agent);

    public bool Supports(DemoSurfaceChoice surface) => Clients.ContainsKey(surface);

    /// <summary>Power users reach for the strongest model, occasional users for the cheapest.</summary>
    public string ModelFor(DemoArchetype archetype, Random rng)
    {
        double[] weights = archetype switch
        {
            DemoArchetype.Power => [0.55, 0.35, 0.10],
            DemoArchetype.Regular => [0.75, 0.10, 0.15],
            _ => [0.70, 0.0, 0.30],
        };
        return rng.WeightedIndex(weights) switch
        {
            0 => MainModel,
            1 => StrongModel,
            _ => LightModel,
        };
    }

    /// <summary>Share of a response's output tokens spent on reasoning, as each model family reports it.</summary>
    public double ReasoningShare(string model, Random rng) =>
        model switch
        {
            _ when model.StartsWith("gpt-5", StringComparison.Ordinal) => rng.Between(0.25, 0.7),
            _ when model.StartsWith("gemini-2.5-flash", StringComparison.Ordinal) => rng.Between(0.05, 0.3),
            _ when model.StartsWith("gemini", StringComparison.Ordinal) => rng.Between(0.2, 0.5),
            _ => rng.Chance(0.4) ? rng.Between(0.1, 0.4) : 0.0,
        };

    /// <summary>Releases ship every two weeks; a user runs the one that was current <paramref name="lagDays"/> ago.</summary>
    public string Version(int dayIndex, int lagDays)
    {
        var minor = BaseMinor + (Math.Max(0, dayIndex - lagDays) / 14);
        return Agent == Agent.ClaudeCode ? $"2.0.{minor}" : $"0.{minor}.0";
    }

    public static string UserAgent(ClientId client, string version, string os, string model) =>
        client switch
        {
            ClientId.CodexCli => $"codex_cli_rs/{version} ({os}) xterm-256color",
            ClientId.CodexIdeVsCode => $"codex_vscode/{version} ({os}) vscode/1.105",
            ClientId.CodexIdeJetBrains => $"codex_jetbrains/{version} ({os}) IntelliJ/2025.2",
            ClientId.CodexDesktopApp => $"codex_desktop/{version} ({os})",
            ClientId.CodexWeb => "codex-cloud-tasks/1.0",
            ClientId.CodexGitHub => "codex-code-review/1.0 (github)",
            ClientId.CodexSdkTypeScript => $"codex_sdk_ts/{version} node/22",
            ClientId.ClaudeCodeCli => $"claude-cli/{version} (external, cli)",
            ClientId.ClaudeCodeIdeVsCode => $"claude-cli/{version} (external, claude-vscode)",
            ClientId.ClaudeCodeIdeJetBrains => $"claude-cli/{version} (external, claude-jetbrains)",
            ClientId.ClaudeCodeDesktop => $"claude-desktop/{version} ({os})",
            ClientId.ClaudeCodeWeb => "claude-code-web/1.0",
            ClientId.ClaudeCodeGitHubAction => $"claude-cli/{version} (external, github-action)",
            ClientId.ClaudeCodeSdk => $"claude-cli/{version} (external, sdk-ts)",
            ClientId.GeminiCli => $"GeminiCLI/{version}/{model} ({os}; terminal)",
            ClientId.GeminiCodeAssistVsCode => $"GeminiCodeAssist/{version} (vscode; {os})",
            ClientId.GeminiCodeAssistJetBrains => $"GeminiCodeAssist/{version} (jetbrains; {os})",
            _ => "agentledger-demo/1.0",
        };

    private static FrozenDictionary<DemoSurfaceChoice, ClientId> Map(params (DemoSurfaceChoice Surface, ClientId Client)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Surface, p => p.Client);
}
