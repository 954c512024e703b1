namespace AgentLedger.Core.Keys;

/// <summary>The tenancy boundary. A key of one workspace never reads another's data.</summary>
public sealed record Workspace(string Id, string Name, DateTimeOffset CreatedAt);
