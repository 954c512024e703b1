using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// A team of the fictional demo company: where it sits (its members' UTC offset), what it builds, which review bot
/// its repositories use, and how many of its developers prefer a JetBrains IDE over VS Code.
/// </summary>
internal sealed record DemoTeam(
    string Name,
    int UtcOffsetMinutes,
    DemoStack Stack,
    IReadOnlyList<string> Repositories,
    Agent ReviewAgent,
    double JetBrainsShare,
    double Size,
    bool WritesKorean)
{
    public const string Organisation = "acme-corp";

    /// <summary>Every team, with its relative size. Teams in Seoul write about half of their prompts in Korean.</summary>
    public static readonly IReadOnlyList<DemoTeam> All =
    [
        new("Platform", -480, DemoStack.Go, Repos("platform-gateway", "service-mesh"), Agent.Codex, 0.2, 1.4, false),
        new("Payments", -300, DemoStack.DotNet, Repos("payments-api", "ledger-service"), Agent.Codex, 0.5, 1.3, false),
        new("Checkout Web", 0, DemoStack.Node, Repos("checkout-web", "design-system"), Agent.ClaudeCode, 0.15, 1.2, false),
        new("Mobile", -480, DemoStack.Kotlin, Repos("mobile-android", "mobile-shared"), Agent.Codex, 0.75, 1.0, false),
        new("Data Platform", 60, DemoStack.Python, Repos("data-pipelines", "warehouse-models"), Agent.Codex, 0.5, 1.1, false),
        new("Machine Learning", -480, DemoStack.Python, Repos("ranking-models", "feature-store"), Agent.ClaudeCode, 0.3, 0.8, false),
        new("Infrastructure", 330, DemoStack.Go, Repos("terraform-live", "k8s-clusters"), Agent.Codex, 0.1, 1.0, false),
        new("Security", 0, DemoStack.Go, Repos("secrets-scanner", "auth-service"), Agent.ClaudeCode, 0.2, 0.6, false),
        new("Search", 540, DemoStack.Kotlin, Repos("search-indexer", "query-api"), Agent.Codex, 0.6, 0.9, true),
        new("Growth", -300, DemoStack.Node, Repos("growth-experiments", "marketing-site"), Agent.Codex, 0.1, 0.9, false),
        new("Identity", 60, DemoStack.DotNet, Repos("identity-service", "sso-bridge"), Agent.ClaudeCode, 0.4, 0.7, false),
        new("Developer Experience", 540, DemoStack.Node, Repos("build-tools", "ci-pipelines"), Agent.Codex, 0.2, 0.6, true),
    ];

    private static string[] Repos(params string[] names) => [.. names.Select(n => $"{Organisation}/{n}")];
}
