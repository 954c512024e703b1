using System.Security.Claims;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Dashboard.Accounts;

namespace AgentLedger.Server.Features.Dashboard.Oidc;

/// <summary>Turns a validated ID token into a dashboard session: the same claims a local account of the mapped role carries.</summary>
public static class DashboardOidcPrincipal
{
    /// <summary>Account ids of provider sign-ins: never confused with a local account's <c>acc_…</c>.</summary>
    public const string AccountPrefix = "oidc:";

    /// <summary>The most privileged role the token's <see cref="DashboardOidcOptions.RoleClaim"/> values map to, or null.</summary>
    public static DashboardRole? RoleOf(ClaimsPrincipal token, DashboardOidcOptions options)
    {
        var values = token.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        bool Any(List<string> mapped) => mapped.Any(values.Contains);
        return Any(options.Roles.Admin) ? DashboardRole.Admin
            : Any(options.Roles.ComplianceAuditor) ? DashboardRole.ComplianceAuditor
            : Any(options.Roles.AnalyticsViewer) ? DashboardRole.AnalyticsViewer
            : null;
    }

    /// <summary>The session's principal, or null when no claim value maps to a role (the person is refused).</summary>
    public static ClaimsPrincipal? From(ClaimsPrincipal token, DashboardOidcOptions options)
    {
        if (RoleOf(token, options) is not { } role)
        {
            return null;
        }

        var subject = token.FindFirstValue("sub") ?? token.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = token.FindFirstValue("email") ?? token.FindFirstValue("preferred_username") ?? token.FindFirstValue("name") ?? subject;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, AccountPrefix + subject),
                new Claim(ClaimTypes.Name, name),
                new Claim(ApiKeyClaims.WorkspaceId, options.WorkspaceId!),
                new Claim(ApiKeyClaims.Scopes, ApiKeyScopes.Format(DashboardRoles.ScopesOf(role))),
                new Claim(DashboardAuthentication.RoleClaim, DashboardRoles.Format(role)),
            ],
            DashboardAuthentication.Scheme);
        return new ClaimsPrincipal(identity);
    }
}
