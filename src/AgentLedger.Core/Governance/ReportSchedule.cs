namespace AgentLedger.Core.Governance;

/// <summary>How often the leadership report is delivered to the workspace's channels.</summary>
public enum ReportSchedule
{
    Off = 0,

    /// <summary>Every Monday, about the ISO week that just ended.</summary>
    Weekly,

    /// <summary>On the 1st, about the month that just ended.</summary>
    Monthly,
}
