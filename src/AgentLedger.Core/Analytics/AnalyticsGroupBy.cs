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

    /// <summary>
    /// Agent and client version together, keyed <c>agent@version</c> (<c>codex@0.169.0</c>; <c>codex@</c> when the agent sent
    /// no version). Only active users can be grouped so: versions have their own rollup (<see cref="ClientVersionRollup"/>).
    /// </summary>
    Version,
}
