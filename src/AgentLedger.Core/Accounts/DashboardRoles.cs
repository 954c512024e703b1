using AgentLedger.Core.Keys;

namespace AgentLedger.Core.Accounts;

/// <summary>Wire names of dashboard roles (<c>admin</c>, <c>analytics_viewer</c>, <c>compliance_auditor</c>) and their scopes.</summary>
public static class DashboardRoles
{
    private static readonly (DashboardRole Role, string Name, ApiKeyScope Scopes)[] Roles =
    [
        (DashboardRole.Admin, "admin", ApiKeyScope.Admin),
        (DashboardRole.AnalyticsViewer, "analytics_viewer", ApiKeyScope.AnalyticsRead),
        // An auditor reaches a transcript through the user pages, which are analytics; reading records is its purpose.
        (DashboardRole.ComplianceAuditor, "compliance_auditor", ApiKeyScope.ComplianceRead | ApiKeyScope.AnalyticsRead),
    ];

    public static IEnumerable<string> AllNames => Roles.Select(r => r.Name);

    public static string Format(DashboardRole role) => Array.Find(Roles, r => r.Role == role).Name;

    public static ApiKeyScope ScopesOf(DashboardRole role) => Array.Find(Roles, r => r.Role == role).Scopes;

    public static bool TryParse(string? name, out DashboardRole role)
    {
        var match = Array.Find(Roles, r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        role = match.Role;
        return match.Name is not null;
    }
}
