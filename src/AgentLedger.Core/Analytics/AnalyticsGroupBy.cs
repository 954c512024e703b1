namespace AgentLedger.Core.Analytics;

/// <summary>What one row of a time series is about, within its bucket.</summary>
public enum AnalyticsGroupBy
{
    /// <summary>One row per bucket for the whole workspace.</summary>
    Workspace = 0,
    User,
    Team,
    Surface,
    Client,
    Model,
    Agent,
}
