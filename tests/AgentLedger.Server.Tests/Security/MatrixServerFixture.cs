using System.Net;
using System.Text.RegularExpressions;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Security;

/// <summary>
/// A server with two workspaces holding data that can be recognised in any answer (their markers), keys of every
/// scope in the own workspace, a revoked key, and dashboard accounts of every role. Rate limits are raised so that
/// the matrix's hundreds of requests per key measure authorization, not throttling.
/// </summary>
public sealed partial class MatrixServerFixture : ServerFixture
{
    public const string Password = "matrix-tests-password";

    protected override IEnumerable<string> ExtraArgs =>
        ["--RateLimits:PermitsPerSecond=100000", "--RateLimits:Burst=100000", "--RateLimits:AnonymousPermitsPerSecond=100000", "--RateLimits:AnonymousBurst=100000"];

    public MatrixWorkspace Own { get; private set; } = null!;

    public MatrixWorkspace Foreign { get; private set; } = null!;

    /// <summary>Route parameter values that name the foreign workspace's things, so a request that reaches one is caught.</summary>
    public Dictionary<string, string> ForeignRouteValues { get; } = new(StringComparer.Ordinal);

    public async Task SeedAsync()
    {
        if (Own is not null)
        {
            return;
        }

        Own = await SeedWorkspaceAsync("own");
        Foreign = await SeedWorkspaceAsync("foreign");
        ApiKeySecret.TryParse(Foreign.Keys["admin"], out var foreignKey);
        ForeignRouteValues["key_id"] = foreignKey.KeyId;
        ForeignRouteValues["session_id"] = Foreign.SessionId;

        var export = await Foreign.Client("admin").PostRawAsync("/api/v1/compliance/exports", "{}", "application/json");
        if (export.StatusCode == HttpStatusCode.Accepted || export.IsSuccessStatusCode)
        {
            var body = await export.ReadJsonAsync();
            if (body["id"] is { } id)
            {
                ForeignRouteValues["export_id"] = (string)id!;
            }
        }

        var accounts = Services.GetRequiredService<DashboardAccountService>();
        foreach (var role in new[] { DashboardRole.Admin, DashboardRole.AnalyticsViewer, DashboardRole.ComplianceAuditor })
        {
            var email = $"{DashboardRoles.Format(role)}-{Own.Id}@example.com";
            var (account, error) = await accounts.CreateAsync(email, Password, role, Own.Id, CancellationToken.None);
            Assert.True(account is not null, error);
            Own.Accounts[role] = email;
        }
    }

    /// <summary>A client holding the dashboard session cookie of <paramref name="email"/>, signed in through the real form.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        var form = await client.GetStringAsync("/login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = Password;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email} answered {response.StatusCode}");
        Assert.Contains(handler.CookieContainer.GetCookies(BaseAddress).Cast<Cookie>(), c => c.Name == DashboardAuthentication.CookieName);
        return client;
    }

    private async Task<MatrixWorkspace> SeedWorkspaceAsync(string label)
    {
        var id = $"ws-{label}-{Guid.NewGuid():N}"[..24];
        var marker = $"MARKER{Guid.NewGuid():N}";
        var workspace = new MatrixWorkspace(id, marker, $"session-{Guid.NewGuid():N}", this);
        foreach (var (name, scope) in new[]
                 {
                     ("admin", ApiKeyScope.Admin), ("ingest", ApiKeyScope.Ingest), ("analytics.read", ApiKeyScope.AnalyticsRead),
                     ("compliance.read", ApiKeyScope.ComplianceRead), ("compliance.admin", ApiKeyScope.ComplianceAdmin), ("gateway", ApiKeyScope.Gateway),
                 })
        {
            workspace.Keys[name] = await IssueKeyAsync(id, scope);
        }

        var revoked = await IssueKeyAsync(id, ApiKeyScope.Admin);
        ApiKeySecret.TryParse(revoked, out var parsed);
        await Services.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(id, parsed.KeyId, DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        workspace.Keys["revoked"] = revoked;
        workspace.Keys["wrong-secret"] = workspace.Keys["admin"][..^6] + "AAAAAA";

        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var batch = EventBuilder.Batch(
            EventBuilder.Prompt().User($"{marker}@example.com").Session(workspace.SessionId).At(at).Prompt($"prompt of {marker}"),
            EventBuilder.Response().User($"{marker}@example.com").Session(workspace.SessionId).At(at.AddSeconds(5)).Model("gpt-5-codex")
                .Tokens(100, 10, 50).Set("response_text", $"response of {marker}"));
        (await workspace.Client("ingest").PostEventsAsync(batch)).EnsureSuccessStatusCode();
        return workspace;
    }

    [GeneratedRegex(""""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"""")]
    private static partial Regex HiddenInput();
}

/// <summary>A seeded workspace: its marker (in a user's e-mail, prompt and response), keys by scope name, accounts by role.</summary>
public sealed record MatrixWorkspace(string Id, string Marker, string SessionId, ServerFixture Server)
{
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public Dictionary<DashboardRole, string> Accounts { get; } = [];

    public HttpClient Client(string keyName) => Server.Client(Keys[keyName]);
}
