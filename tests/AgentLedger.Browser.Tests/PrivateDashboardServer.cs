using AgentLedger.Core.Accounts;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// A real AgentLedger of one test's own (the shared <see cref="DashboardServer"/> is read-only), seeded with a small demo
/// workspace, and a headless Chromium signed in as one account: for pages whose test writes settings first.
/// </summary>
public sealed class PrivateDashboardServer : IAsyncDisposable
{
    private readonly string _folder;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private PrivateDashboardServer(string folder, WebApplication app, Uri address)
    {
        _folder = folder;
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Fails under CI=true when Chromium is missing, skips otherwise.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(DashboardServer.ChromiumPath))
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true requires Chromium at " + DashboardServer.ChromiumPath);
        }

        Assert.Skip("Chromium is not installed at " + DashboardServer.ChromiumPath);
    }

    /// <summary>Starts the server with the demo workspace and waits until it is ready.</summary>
    public static async Task<PrivateDashboardServer> StartAsync(string name, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory($"agentledger-{name}-").FullName;
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(folder, "agentledger.db")}", "--Otlp:Grpc:Port=0",
            "--Demo:Enabled=true", "--Demo:Users=12", "--Demo:Days=10", "--Governance:JobEnabled=false", "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using (var http = new HttpClient { BaseAddress = address })
        {
            for (var i = 0; i < 240 && !(await http.GetAsync("/health/ready")).IsSuccessStatusCode; i++)
            {
                await Task.Delay(250);
            }
        }

        return new PrivateDashboardServer(folder, app, address);
    }

    /// <summary>Creates a dashboard account of <paramref name="role"/> in the demo workspace.</summary>
    public async Task CreateAccountAsync(string email, DashboardRole role)
    {
        var (account, error) = await Services.GetRequiredService<DashboardAccountService>()
            .CreateAsync(email, DashboardServer.Password, role, DashboardServer.Workspace, CancellationToken.None);
        Assert.True(account is not null, error);
    }

    /// <summary>A Chromium page signed in through the real login form.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-test=email]", email);
        await page.FillAsync("[data-test=password]", DashboardServer.Password);
        await page.ClickAsync("[data-test=sign-in]");
        await page.WaitForSelectorAsync("[data-test=account]");
        return page;
    }

    /// <summary>A new page in a browser context of its own (no cookies), based at the server's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardServer.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        return await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Address.ToString() });
    }

        public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
