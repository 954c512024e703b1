namespace AgentLedger.Server.Features.Dashboard.Accounts;

/// <summary>Names of the dashboard's cookie scheme and policies.</summary>
public static class DashboardAuthentication
{
    public const string Scheme = AgentLedger.Server.Auth.AuthServiceCollectionExtensions.DashboardCookieScheme;
    public const string CookieName = "agentledger.session";

    /// <summary>Picks the API key or the cookie for requests whose endpoint names no scheme.</summary>
    public const string SelectorScheme = "ApiKeyOrDashboard";

    /// <summary>Any signed-in dashboard account.</summary>
    public const string SignedInPolicy = "dashboard";

    /// <summary>A dashboard account whose role grants <c>compliance.read</c> (transcripts).</summary>
    public const string CompliancePolicy = "dashboard:compliance";

    /// <summary>A dashboard account whose role grants <c>admin</c> (workspaces, keys, accounts, price book).</summary>
    public const string AdminPolicy = "dashboard:admin";

    public const string RoleClaim = "agentledger:dashboard_role";
}
