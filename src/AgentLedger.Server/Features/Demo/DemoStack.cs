namespace AgentLedger.Server.Features.Demo;

/// <summary>A team's main language and tooling; decides the files, commands and outputs its sessions mention.</summary>
internal enum DemoStack
{
    Go,
    DotNet,
    Node,
    Python,
    Kotlin,
}
