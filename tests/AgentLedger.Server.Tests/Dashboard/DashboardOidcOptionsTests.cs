using System.Security.Claims;
using AgentLedger.Core.Accounts;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Features.Dashboard.Oidc;
using AgentLedger.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Dashboard;

/// <summary>OpenID Connect settings are checked at start, naming each key; the role mapping picks the most privileged role.</summary>
public sealed class DashboardOidcOptionsTests
{
    [Fact]
    public async Task Start_WithAuthorityButNoClientIdWorkspaceOrRoles_FailsNamingEachKey()
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-oidc-").FullName;
        try
        {
            await using var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={Path.Combine(folder, "a.db")}",
                "--Dashboard:Oidc:Authority=http://idp.example", "--Dashboard:Oidc:WorkspaceId=Not Valid",
            ]);

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

            Assert.Contains("Dashboard:Oidc:Authority must use https", error.Message, StringComparison.Ordinal);
            Assert.Contains("Dashboard:Oidc:ClientId is required", error.Message, StringComparison.Ordinal);
            Assert.Contains("Dashboard:Oidc:WorkspaceId is 'Not Valid'", error.Message, StringComparison.Ordinal);
            Assert.Contains("Dashboard:Oidc:Roles needs at least one claim value", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "analysts", "admins" }, "admin")]
    [InlineData(new[] { "analysts", "auditors" }, "compliance_auditor")]
    [InlineData(new[] { "everyone", "analysts" }, "analytics_viewer")]
    [InlineData(new[] { "everyone", "Admins" }, null)]
    [InlineData(new string[0], null)]
    public void From_GroupsClaim_MapsToTheMostPrivilegedRoleOrRefuses(string[] groups, string? expectedRole)
    {
        var options = new DashboardOidcOptions
        {
            Authority = "https://idp.example", ClientId = "c", WorkspaceId = "acme", RoleClaim = "groups",
            Roles = new DashboardOidcRoleMapping { Admin = ["admins"], AnalyticsViewer = ["analysts"], ComplianceAuditor = ["auditors"] },
        };
        var token = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "42"), new Claim("email", "ana@corp.example"), .. groups.Select(g => new Claim("groups", g))], "oidc"));

        var principal = DashboardOidcPrincipal.From(token, options);

        Assert.Equal(expectedRole, principal?.FindFirstValue(DashboardAuthentication.RoleClaim));
        if (expectedRole is not null)
        {
            DashboardRoles.TryParse(expectedRole, out var role);
            var session = Assert.IsType<ClaimsPrincipal>(principal);
            var identity = Assert.IsType<ClaimsIdentity>(session.Identity);
            Assert.Equal(("oidc:42", "ana@corp.example", "acme", DashboardAuthentication.Scheme),
                (session.FindFirstValue(ClaimTypes.NameIdentifier), identity.Name, session.FindFirstValue(AgentLedger.Server.Auth.ApiKeyClaims.WorkspaceId),
                    identity.AuthenticationType));
            Assert.Equal(AgentLedger.Core.Keys.ApiKeyScopes.Format(DashboardRoles.ScopesOf(role)),
                session.FindFirstValue(AgentLedger.Server.Auth.ApiKeyClaims.Scopes));
        }
    }
}
