namespace AgentLedger.Core.Metrics;

/// <summary>One stored hourly rollup row.</summary>
public sealed record UsageRollupRow(string WorkspaceId, UsageRollupKey Key, UsageMeasures Measures);
