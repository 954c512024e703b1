namespace AgentLedger.Core.Compliance;

/// <summary>Where an eDiscovery export job is.</summary>
public enum ExportStatus
{
    Queued = 0,
    Running,
    Completed,
    Failed,
}
