using System.Net;
using AgentLedger.Core.Accounts;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// OpenID Connect sign-in through Chromium against a loopback provider (code flow with PKCE, RS256 ID tokens): a mapped
/// person lands on the dashboard with the mapped role, an unmapped one is refused, and local accounts keep working.
/// </summary>
public sealed class OidcSignInTests
{
    private static readonly Dictionary<string, (string Email, string[] Groups)> People = new(StringComparer.Ordinal)
    {
        ["ana"] = ("ana@corp.example", ["everyone", "al-analysts"]),
        ["root"] = ("root@corp.example", ["al-analysts", "al-admins"]),
        ["eve"] = ("eve@corp.example", ["contractors"]),
    };

    [Fact]
    public async Task SignIn_ThroughTheProvider_LandsOnTheDashboardWithTheMappedRole_AndLocalAccountsStillWork()
    {
        PrivateDashboardServer.RequireChromium();
        await using var provider = await LoopbackOidcProvider.StartAsync(People);
        await using var server = await StartServerAsync(provider);

        var ana = await SignInThroughProviderAsync(server, "ana");
        await ana.WaitForSelectorAsync("[data-test=account]");
        Assert.Equal("ana@corp.example", (await ana.InnerTextAsync("[data-test=account]")).Trim());
        Assert.Equal("analytics_viewer", (await ana.InnerTextAsync(".al-role")).Trim());
        Assert.DoesNotContain("API keys", await ana.InnerTextAsync("nav"), StringComparison.Ordinal);
        await ana.GotoAsync("/admin/keys");
        await ana.WaitForSelectorAsync("[data-test=access-denied]");

        var root = await SignInThroughProviderAsync(server, "root");
        await root.WaitForSelectorAsync("[data-test=account]");
        Assert.Equal("admin", (await root.InnerTextAsync(".al-role")).Trim());
        await root.GotoAsync("/admin/keys");
        await root.WaitForSelectorAsync("[data-test=create-key]");
        Assert.Equal(2, provider.TokenRequests);

        await server.CreateAccountAsync("local-admin@example.com", DashboardRole.Admin);
        var local = await server.SignInAsync("local-admin@example.com");
        Assert.Equal("local-admin@example.com", (await local.InnerTextAsync("[data-test=account]")).Trim());
    }

    [Fact]
    public async Task SignIn_ThroughTheProvider_WithNoMappedGroup_IsRefusedWithAReasonAndNoSession()
    {
        PrivateDashboardServer.RequireChromium();
        await using var provider = await LoopbackOidcProvider.StartAsync(People);
        await using var server = await StartServerAsync(provider);

        var eve = await SignInThroughProviderAsync(server, "eve");
        await eve.WaitForSelectorAsync("[data-test=oidc-error]");
        Assert.Contains("has no AgentLedger role", await eve.InnerTextAsync("[data-test=oidc-error]"), StringComparison.Ordinal);
        Assert.EndsWith("/login?oidc=no-role", eve.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await eve.Context.CookiesAsync(), c => c.Name == "agentledger.session");
        await eve.GotoAsync("/");
        await eve.WaitForSelectorAsync("[data-test=sign-in]");
        Assert.Contains("/login", eve.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInButton_WithoutOidcConfigured_IsAbsentAndTheStartRouteIsNotFound()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("oidc-off");
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        await page.WaitForSelectorAsync("[data-test=sign-in]");

        Assert.Equal(0, await page.Locator("[data-test=oidc-sign-in]").CountAsync());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/login/oidc")).StatusCode);
    }

    private static async Task<PrivateDashboardServer> StartServerAsync(LoopbackOidcProvider provider)
    {
        var server = await PrivateDashboardServer.StartAsync("oidc",
            $"--Dashboard:Oidc:Authority={provider.Issuer}", $"--Dashboard:Oidc:ClientId={LoopbackOidcProvider.ClientId}",
            $"--Dashboard:Oidc:ClientSecret={LoopbackOidcProvider.ClientSecret}", "--Dashboard:Oidc:DisplayName=Loopback IdP",
            "--Dashboard:Oidc:WorkspaceId=demo", "--Dashboard:Oidc:RequireHttpsMetadata=false", "--Dashboard:Oidc:RoleClaim=groups",
            "--Dashboard:Oidc:Roles:Admin:0=al-admins", "--Dashboard:Oidc:Roles:AnalyticsViewer:0=al-analysts",
            "--Dashboard:Oidc:Roles:ComplianceAuditor:0=al-auditors");
        provider.RedirectUris.Add(new Uri(server.Address, "/signin-oidc").ToString());
        return server;
    }

    /// <summary>From the sign-in page's button, through the provider's page, back to the dashboard: all in Chromium.</summary>
    private static async Task<IPage> SignInThroughProviderAsync(PrivateDashboardServer server, string user)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Equal("Sign in with Loopback IdP", (await page.InnerTextAsync("[data-test=oidc-sign-in]")).Trim());
        await page.ClickAsync("[data-test=oidc-sign-in]");
        try
        {
            await page.WaitForSelectorAsync("[data-test=idp-user]", new PageWaitForSelectorOptions { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The provider's page did not show; at {page.Url}: {await page.ContentAsync()}");
        }

        await page.FillAsync("[data-test=idp-user]", user);
        await page.ClickAsync("[data-test=idp-continue]");
        return page;
    }
}
