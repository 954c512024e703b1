using System.Net.Http.Headers;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// A real AgentLedger (Kestrel on a loopback port, SQLite in a temp folder) seeded with a small demo workspace, its
/// accounts of every role, an API key to check the pages against, and a headless Chromium. Tests only read it.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Workspace = "demo";
    public const string Password = "browser-tests-password";
    public const string AdminEmail = "admin@example.com";
    public const string ViewerEmail = "viewer@example.com";
    public const string AuditorEmail = "auditor@example.com";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentledger-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>An API client with an analytics.read and compliance.read key of the demo workspace.</summary>
    public HttpClient Api { get; private set; } = null!;

    private static string? Unavailable => File.Exists(ChromiumPath) ? null : $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).";

    public async ValueTask InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        _app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_folder, "agentledger.db")}", "--Otlp:Grpc:Port=0",
            "--Demo:Enabled=true", "--Demo:Users=20", "--Demo:Days=14", "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await WaitForDemoAsync();

        var accounts = _app.Services.GetRequiredService<DashboardAccountService>();
        foreach (var (email, role) in new[] { (AdminEmail, DashboardRole.Admin), (ViewerEmail, DashboardRole.AnalyticsViewer), (AuditorEmail, DashboardRole.ComplianceAuditor) })
        {
            var (account, error) = await accounts.CreateAsync(email, Password, role, Workspace, CancellationToken.None);
            Assert.True(account is not null, error);
        }

        var key = await _app.Services.GetRequiredService<ApiKeyIssuer>()
            .IssueAsync(Workspace, "browser tests", ApiKeyScope.AnalyticsRead | ApiKeyScope.ComplianceRead, CancellationToken.None);
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Skips the calling test locally, or fails it under CI=true, when Chromium is missing.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true requires Chromium for the browser tests: " + Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    /// <summary>A new browser context signed in as <paramref name="email"/>, on the overview.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        Require();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-test=email]", email);
        await page.FillAsync("[data-test=password]", Password);
        await page.ClickAsync("[data-test=sign-in]");
        await page.WaitForSelectorAsync("[data-test=account]");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task WaitForDemoAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The demo workspace was not seeded within 60 s.");
    }
}
