using AgentLedger.Core.Accounts;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>The Budgets page in the real Chromium, on a server of its own (the shared dashboard server is read-only).</summary>
public sealed class BudgetsPageTests
{
    [Fact]
    public async Task Budgets_AsViewer_ShowsEachBudgetWithTheSpendAndForecastTheReaderComputes()
    {
        if (!File.Exists(DashboardServer.ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("CI=true requires Chromium at " + DashboardServer.ChromiumPath);
            }

            Assert.Skip("Chromium is not installed at " + DashboardServer.ChromiumPath);
        }

        var folder = Directory.CreateTempSubdirectory("agentledger-budgets-page-").FullName;
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(folder, "agentledger.db")}", "--Otlp:Grpc:Port=0",
            "--Demo:Enabled=true", "--Demo:Users=12", "--Demo:Days=10", "--Governance:JobEnabled=false", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using (var http = new HttpClient { BaseAddress = address })
            {
                for (var i = 0; i < 240 && !(await http.GetAsync("/health/ready")).IsSuccessStatusCode; i++)
                {
                    await Task.Delay(250);
                }
            }

            var (account, error) = await app.Services.GetRequiredService<DashboardAccountService>()
                .CreateAsync("viewer@example.com", DashboardServer.Password, DashboardRole.AnalyticsViewer, "demo", CancellationToken.None);
            Assert.True(account is not null, error);
            var store = app.Services.GetRequiredService<IGovernanceStore>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var budget = new Budget("demo", RecordIds.NewId(now), "Demo monthly credits", BudgetScopeKind.Workspace, "", BudgetPeriod.Month, BudgetUnit.Credits,
                50m, [50, 80, 100], BudgetMode.Block, "UTC", now, now);
            await store.SaveBudgetAsync(budget, CancellationToken.None);
            var status = await app.Services.GetRequiredService<BudgetSpendReader>().StatusAsync(budget, now, CancellationToken.None);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = DashboardServer.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString() });
            await page.GotoAsync("/login");
            await page.FillAsync("[data-test=email]", "viewer@example.com");
            await page.FillAsync("[data-test=password]", DashboardServer.Password);
            await page.ClickAsync("[data-test=sign-in]");
            await page.WaitForSelectorAsync("[data-test=account]");
            await page.ClickAsync("nav >> text=Budgets");
            var row = await page.WaitForSelectorAsync("[data-test=budget-row]");
            var text = await row!.InnerTextAsync();
            Assert.Contains("Demo monthly credits", text, StringComparison.Ordinal);
            Assert.Contains($"{status.Spend.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} / 50.00 credits", text, StringComparison.Ordinal);
            Assert.Contains(status.Exhausted ? "blocking" : "block at 100%", text, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
