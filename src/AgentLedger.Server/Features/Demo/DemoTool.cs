namespace AgentLedger.Server.Features.Demo;

/// <summary>A tool as one agent names it (as in the real clients' telemetry), with how often it is called.</summary>
internal sealed record DemoTool(string Name, DemoToolKind Kind, double Weight);
