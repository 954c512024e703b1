namespace AgentLedger.Server.Features.Demo;

/// <summary>Where a demo user starts a piece of agent work. Code review is not chosen: it follows pull requests.</summary>
internal enum DemoSurfaceChoice
{
    Cli = 0,
    VsCode,
    JetBrains,
    Desktop,
    Cloud,
    Sdk,
}
