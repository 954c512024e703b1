using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>The admin pages (workspaces, API keys, accounts) in the real Chromium, each test on a server of its own.</summary>
public sealed class AdminPagesTests
{
    private const string Admin = "admin@example.com";

    [Fact]
    public async Task ApiKeys_AdminCreatesUsesAndRevokesAKey_SecretShownOnceLastUseShownAndRevokedKeyRefused()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("admin-keys");
        await server.CreateAccountAsync(Admin, DashboardRole.Admin);
        var page = await server.SignInAsync(Admin);

        await page.ClickAsync("nav >> text=API keys");
        await page.FillAsync("[data-test=key-name]", "browser ci");
        await page.CheckAsync("[data-test='scope-ingest']");
        await page.CheckAsync("[data-test='scope-analytics.read']");
        await page.ClickAsync("[data-test=create-key-submit]");
        var token = (await page.TextContentAsync("[data-test=new-key-token]"))!.Trim();
        Assert.True(ApiKeySecret.TryParse(token, out var parsed), token);
        var row = page.Locator($"[data-test=key-row][data-key-id='{parsed.KeyId}']");
        Assert.Contains("ingest analytics.read", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("never", (await row.Locator("[data-test=last-used]").InnerTextAsync()).Trim());

        // Shown once: the same page, loaded again, has the key but never its secret.
        await page.GotoAsync("/admin/keys");
        Assert.DoesNotContain(parsed.Secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"[data-test=key-row][data-key-id='{parsed.KeyId}']").CountAsync());

        using var api = new HttpClient { BaseAddress = server.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var usedAfter = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(api)).StatusCode);
        var lastUsed = await WaitForLastUseAsync(page, parsed.KeyId);
        Assert.InRange(lastUsed, usedAfter, DateTimeOffset.UtcNow.AddSeconds(1));

        await page.Locator($"[data-test=key-row][data-key-id='{parsed.KeyId}'] [data-test=revoke-link]").ClickAsync();
        await page.WaitForSelectorAsync("[data-test=confirm-revoke]");
        Assert.Contains("browser ci", await page.InnerTextAsync("[data-test=confirm-revoke]"), StringComparison.Ordinal);
        await page.ClickAsync("[data-test=confirm-revoke-submit]");
        await page.WaitForSelectorAsync("[data-test=notice]");
        Assert.EndsWith("/admin/keys?revoked=" + parsed.KeyId, page.Url, StringComparison.Ordinal);
        var revoked = page.Locator($"[data-test=key-row][data-key-id='{parsed.KeyId}']");
        Assert.StartsWith("revoked ", (await revoked.Locator("[data-test=state]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(FormatTime(lastUsed), (await revoked.Locator("[data-test=last-used]").InnerTextAsync()).Trim());

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostEventAsync(api)).StatusCode);

        // Both changes are audit events of the dashboard account, through the same service as the admin API.
        var adminKey = await server.Services.GetRequiredService<ApiKeyIssuer>()
            .IssueAsync(DashboardServer.Workspace, "audit reader", ApiKeyScope.ComplianceRead, CancellationToken.None);
        using var auditApi = new HttpClient { BaseAddress = server.Address };
        auditApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey.Token);
        var events = (await AuditEvents.ReadAllAsync(auditApi))
            .Where(e => e.GetProperty("action_data").TryGetProperty("key_id", out var id) && id.GetString() == parsed.KeyId).ToList();
        Assert.Equal(["API_KEY_CREATED", "API_KEY_REVOKED"], events.Select(AuditEvents.Action));
        Assert.All(events, e => Assert.Equal(("DASHBOARD_ACCOUNT", Admin), (e.GetProperty("actor").GetProperty("type").GetString(), AuditEvents.ActorName(e))));
    }

    [Fact]
    public async Task ApiKeys_CreateWithoutScopeOrAntiforgeryToken_IsRefusedWithAReasonAndCreatesNothing()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("admin-keys-bad");
        await server.CreateAccountAsync(Admin, DashboardRole.Admin);
        var page = await server.SignInAsync(Admin);
        var store = server.Services.GetRequiredService<IWorkspaceStore>();
        var before = (await store.ListApiKeysAsync(DashboardServer.Workspace, CancellationToken.None)).Count;

        await page.GotoAsync("/admin/keys");
        await page.FillAsync("[data-test=key-name]", "no scope");
        await page.ClickAsync("[data-test=create-key-submit]");
        Assert.Contains("scopes needs at least one of", await page.InnerTextAsync("[data-test=form-error]"), StringComparison.Ordinal);

        // The signed-in admin's own cookie, but a cross-site style post without the antiforgery token.
        var cookies = await page.Context.CookiesAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        var forged = await http.PostAsync("/admin/keys", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-key", ["name"] = "forged", ["scope"] = "admin",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, (await store.ListApiKeysAsync(DashboardServer.Workspace, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AdminPages_AsAnalyticsViewerOrAuditor_AreRefusedAndNotInTheNavigation()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("admin-denied");
        await server.CreateAccountAsync("viewer@example.com", DashboardRole.AnalyticsViewer);
        await server.CreateAccountAsync("auditor@example.com", DashboardRole.ComplianceAuditor);

        foreach (var email in new[] { "viewer@example.com", "auditor@example.com" })
        {
            var page = await server.SignInAsync(email);
            var nav = await page.InnerTextAsync("nav");
            Assert.DoesNotContain("API keys", nav, StringComparison.Ordinal);
            Assert.DoesNotContain("Workspaces", nav, StringComparison.Ordinal);
            Assert.DoesNotContain("Accounts", nav, StringComparison.Ordinal);
            foreach (var path in new[] { "/admin/keys", "/admin/accounts", "/admin/workspaces", "/admin/keys/0000000000000000/revoke" })
            {
                await page.GotoAsync(path);
                await page.WaitForSelectorAsync("[data-test=access-denied]");
                Assert.Contains("/access-denied", page.Url, StringComparison.Ordinal);
                Assert.Equal(0, await page.Locator("[data-test=create-key], [data-test=create-account], [data-test=create-workspace]").CountAsync());
            }
        }
    }

    [Fact]
    public async Task Accounts_AdminCreatesAViewerAndDisablesIt_TheViewerCanNoLongerSignInAndItsSessionEnds()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("admin-accounts");
        await server.CreateAccountAsync(Admin, DashboardRole.Admin);
        var admin = await server.SignInAsync(Admin);

        await admin.ClickAsync("nav >> text=Accounts");
        await admin.FillAsync("[data-test=account-email]", "new-viewer@example.com");
        await admin.FillAsync("[data-test=account-password]", "short");
        await admin.SelectOptionAsync("[data-test=account-role]", "analytics_viewer");
        await admin.ClickAsync("[data-test=create-account-submit]");
        Assert.Contains("password: at least 12 characters", await admin.InnerTextAsync("[data-test=form-error]"), StringComparison.Ordinal);

        await admin.FillAsync("[data-test=account-email]", "new-viewer@example.com");
        await admin.FillAsync("[data-test=account-password]", DashboardServer.Password);
        await admin.SelectOptionAsync("[data-test=account-role]", "analytics_viewer");
        await admin.ClickAsync("[data-test=create-account-submit]");
        await admin.WaitForSelectorAsync("[data-test=notice]");
        var row = admin.Locator("[data-test=account-row][data-email='new-viewer@example.com']");
        Assert.Equal("analytics_viewer", (await row.Locator("[data-test=role]").InnerTextAsync()).Trim());
        Assert.Equal(0, await admin.Locator($"[data-test=account-row][data-email='{Admin}'] [data-test=disable]").CountAsync());

        var viewer = await server.SignInAsync("new-viewer@example.com");
        await row.Locator("[data-test=disable]").ClickAsync();
        await admin.WaitForSelectorAsync("[data-test=notice]");
        Assert.StartsWith("disabled ", (await admin.Locator("[data-test=account-row][data-email='new-viewer@example.com'] [data-test=state]").InnerTextAsync()).Trim(),
            StringComparison.Ordinal);

        // The open session ends at its next request.
        var cookies = await viewer.Context.CookiesAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        var export = await http.GetAsync($"/api/v1/analytics/workspaces/{DashboardServer.Workspace}/usage?bucket=day");
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);

        var again = await server.NewPageAsync();
        await again.GotoAsync("/login");
        await again.FillAsync("[data-test=email]", "new-viewer@example.com");
        await again.FillAsync("[data-test=password]", DashboardServer.Password);
        await again.ClickAsync("[data-test=sign-in]");
        await again.WaitForSelectorAsync("[data-test=login-error]");
    }

    [Fact]
    public async Task Workspaces_AdminCreatesOne_BadIdsAreRefusedByNameAndTheNewAdminSeesOnlyItsOwn()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("admin-workspaces");
        await server.CreateAccountAsync(Admin, DashboardRole.Admin);
        var page = await server.SignInAsync(Admin);

        await page.ClickAsync("nav >> text=Workspaces");
        Assert.Contains("demo", await page.InnerTextAsync("[data-test=own-workspace]"), StringComparison.Ordinal);
        var settings = await page.Locator("[data-test=settings-link]").AllInnerTextsAsync();
        Assert.Contains("Budgets", settings);
        Assert.Contains("SIEM delivery", settings);
        await page.WaitForSelectorAsync("[data-test=no-workspaces]");

        foreach (var (id, email, expected) in new[]
                 {
                     ("Team Blue", "blue-admin@example.com", "Workspace id: 'Team Blue' is invalid"),
                     ("demo", "blue-admin@example.com", "Workspace id: 'demo' is already taken."),
                     ("team-blue", Admin, $"an account for '{Admin}' already exists"),
                 })
        {
            await FillWorkspaceAsync(page, id, email);
            Assert.Contains(expected, await page.InnerTextAsync("[data-test=form-error]"), StringComparison.Ordinal);
        }

        await FillWorkspaceAsync(page, "team-blue", "blue-admin@example.com");
        await page.WaitForSelectorAsync("[data-test=notice]");
        Assert.Equal(["team-blue"], (await page.Locator("[data-test=workspace-row] code").AllInnerTextsAsync()).ToList());

        var blue = await server.SignInAsync("blue-admin@example.com");
        await blue.GotoAsync("/admin/workspaces");
        Assert.Contains("team-blue", await blue.InnerTextAsync("[data-test=own-workspace]"), StringComparison.Ordinal);
        await blue.GotoAsync("/admin/keys");
        Assert.Equal(0, await blue.Locator("[data-test=key-row]").CountAsync());
    }

    private static async Task FillWorkspaceAsync(IPage page, string id, string email)
    {
        await page.FillAsync("[data-test=workspace-id]", id);
        await page.FillAsync("[data-test=workspace-name]", "Team Blue");
        await page.FillAsync("[data-test=admin-email]", email);
        await page.FillAsync("[data-test=admin-password]", DashboardServer.Password);
        await page.ClickAsync("[data-test=create-workspace-submit]");
    }

    private static Task<HttpResponseMessage> PostEventAsync(HttpClient api) =>
        api.PostAsync("/api/v1/events", new StringContent(
            $$"""[{"event_id":"{{Guid.NewGuid():N}}","type":"user.prompt","occurred_at":"{{DateTimeOffset.UtcNow:O}}","client_id":"CODEX_CLI","user":{"email":"ana@example.com"},"session_id":"s-1","prompt_text":"hello"}]""",
            Encoding.UTF8, "application/json"));

    /// <summary>The page shows the last use once the background write is done: reload until it does.</summary>
    private static async Task<DateTimeOffset> WaitForLastUseAsync(IPage page, string keyId)
    {
        for (var i = 0; i < 50; i++)
        {
            await page.GotoAsync("/admin/keys");
            var text = (await page.Locator($"[data-test=key-row][data-key-id='{keyId}'] [data-test=last-used]").InnerTextAsync()).Trim();
            if (text != "never")
            {
                return DateTimeOffset.ParseExact(text, "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The key's last use never appeared on the page.");
    }

    private static string FormatTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
