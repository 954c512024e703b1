using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Features.Siem;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>The SIEM delivery page in the real Chromium: a destination whose receiver is down shows as degraded, with its lag and error.</summary>
public sealed class SiemPageTests
{
    [Fact]
    public async Task Siem_AsAuditor_ShowsEachDestinationWithTheStatusTheApiReports()
    {
        if (!File.Exists(DashboardServer.ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("CI=true requires Chromium at " + DashboardServer.ChromiumPath);
            }

            Assert.Skip("Chromium is not installed at " + DashboardServer.ChromiumPath);
        }

        // A loopback port nobody listens on: every delivery attempt fails, so the destination lags and reports an error.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var folder = Directory.CreateTempSubdirectory("agentledger-siem-page-").FullName;
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
                .CreateAsync("auditor@example.com", DashboardServer.Password, DashboardRole.ComplianceAuditor, "demo", CancellationToken.None);
            Assert.True(account is not null, error);
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var destination = new SiemDestination
            {
                WorkspaceId = "demo", Id = RecordIds.NewId(now), Name = "Security data lake", Kind = SiemDestinationKind.Webhook,
                Format = SiemPayloadFormat.Native, Endpoint = new SiemEndpoint { Url = new Uri($"http://127.0.0.1:{deadPort}/ingest") },
                Secrets = new SiemSecrets { WebhookSecret = "page-test-secret-not-shown" }, CreatedAt = now, UpdatedAt = now,
            };
            await app.Services.GetRequiredService<ISiemStore>().CreateAsync(destination, 0, CancellationToken.None);
            var reader = app.Services.GetRequiredService<SiemStatusReader>();
            var before = (await reader.ReadAsync(destination, CancellationToken.None))!;

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = DashboardServer.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString() });
            await page.GotoAsync("/login");
            await page.FillAsync("[data-test=email]", "auditor@example.com");
            await page.FillAsync("[data-test=password]", DashboardServer.Password);
            await page.ClickAsync("[data-test=sign-in]");
            await page.WaitForSelectorAsync("[data-test=account]");
            await page.ClickAsync("nav >> text=SIEM");
            var row = await page.WaitForSelectorAsync("[data-test=destination-row]");
            var text = await row!.InnerTextAsync();
            var lag = long.Parse(await row.EvalOnSelectorAsync<string>("[data-test=lag-records]", "e => e.textContent"), CultureInfo.InvariantCulture);
            var after = (await reader.ReadAsync(destination, CancellationToken.None))!;

            Assert.Contains("Security data lake", text, StringComparison.Ordinal);
            Assert.Contains("webhook", text, StringComparison.Ordinal);
            Assert.DoesNotContain("page-test-secret-not-shown", await page.ContentAsync(), StringComparison.Ordinal);
            // Nothing is ever delivered to a dead port: the page's lag is the reader's, which only grows while demo data lands.
            Assert.True(before.LagRecords > 0, "the demo workspace has records to deliver");
            Assert.InRange(lag, before.LagRecords, after.LagRecords);
            Assert.Equal(0, after.State.DeliveredCount);
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
