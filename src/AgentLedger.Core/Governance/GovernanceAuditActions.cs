namespace AgentLedger.Core.Governance;

/// <summary>The <c>action</c> names of governance audit events (beside <see cref="Compliance.AuditActions"/>).</summary>
public static class GovernanceAuditActions
{
    public const string AlertRaised = "GOVERNANCE_ALERT_RAISED";
    public const string AlertDelivered = "GOVERNANCE_ALERT_DELIVERED";
    public const string AlertAbandoned = "GOVERNANCE_ALERT_DELIVERY_ABANDONED";
    public const string BudgetSaved = "BUDGET_SAVED";
    public const string BudgetDeleted = "BUDGET_DELETED";
    public const string ChannelSaved = "ALERT_CHANNEL_SAVED";
    public const string ChannelDeleted = "ALERT_CHANNEL_DELETED";
    public const string SettingsUpdated = "GOVERNANCE_SETTINGS_UPDATED";
}
