namespace AgentLedger.Server.Features.Demo;

/// <summary>Where in a turn a planted finding appears.</summary>
internal enum DemoPlantSlot
{
    Prompt,
    Response,
    ToolOutput,
}
