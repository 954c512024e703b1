namespace AgentLedger.Server.Features.Demo;

/// <summary>What a tool call does, whatever the agent calls the tool; decides its input and output text.</summary>
internal enum DemoToolKind
{
    Shell,
    Read,
    Edit,
    Write,
    Search,
    Web,
}
