namespace AgentLedger.Core.Governance;

/// <summary>The kinds of governance notifications, as sent in payloads (<c>type</c>).</summary>
public static class NotificationKinds
{
    public const string BudgetThreshold = "budget.threshold_crossed";
    public const string UsageAnomaly = "usage.anomaly";
    public const string LeadershipReport = "report.leadership";
}
