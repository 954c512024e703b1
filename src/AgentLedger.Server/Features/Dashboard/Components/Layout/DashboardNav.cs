using AgentLedger.Server.Features.Dashboard.Accounts;

namespace AgentLedger.Server.Features.Dashboard.Components.Layout;

/// <summary>
/// The dashboard's navigation, in order: the one list a new page adds itself to. An entry's <c>Policy</c> hides an entry
/// from accounts that may not open the page (the page still enforces its own policy).
/// </summary>
public static class DashboardNav
{
    public static readonly IReadOnlyList<DashboardNavEntry> Entries =
    [
        new("/", "Overview", ExactMatch: true),
        new("/code-review", "Code review"),
        new("/cloud", "Cloud"),
        new("/cli-ide", "CLI and IDE"),
        new("/users", "Users"),
        new("/budgets", "Budgets"),
        new("/siem", "SIEM", Policy: DashboardAuthentication.CompliancePolicy),
        new("/admin/workspaces", "Workspaces", Policy: DashboardAuthentication.AdminPolicy),
        new("/admin/keys", "API keys", Policy: DashboardAuthentication.AdminPolicy),
        new("/admin/accounts", "Accounts", Policy: DashboardAuthentication.AdminPolicy),
        new("/price-book", "Price book", Policy: DashboardAuthentication.AdminPolicy),
    ];
}

/// <summary>One navigation entry: where it goes, its label, and the policy an account needs to see it (null: any signed-in account).</summary>
public sealed record DashboardNavEntry(string Href, string Label, bool ExactMatch = false, string? Policy = null);
