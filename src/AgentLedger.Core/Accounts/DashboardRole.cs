namespace AgentLedger.Core.Accounts;

/// <summary>What a dashboard account may see; each role maps onto the API key scopes (see <see cref="DashboardRoles"/>).</summary>
public enum DashboardRole
{
    /// <summary>Everything in its workspace (scope <c>admin</c>).</summary>
    Admin,

    /// <summary>Aggregated analytics only (scope <c>analytics.read</c>): never prompts, responses or transcripts.</summary>
    AnalyticsViewer,

    /// <summary>Records and transcripts (scope <c>compliance.read</c>), plus the analytics that lead to them.</summary>
    ComplianceAuditor,
}
