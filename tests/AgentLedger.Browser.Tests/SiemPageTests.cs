using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Siem;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Browser.Tests;

/// <summary>The SIEM delivery page in the real Chromium: a destination whose receiver is down shows its lag, and never its secret.</summary>
public sealed class SiemPageTests
{
    [Fact]
    public async Task Siem_AsAuditor_ShowsEachDestinationWithTheStatusTheApiReports()
    {
        PrivateDashboardServer.RequireChromium();
        // A loopback port nobody listens on: every delivery attempt fails, so the destination lags and reports an error.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await using var server = await PrivateDashboardServer.StartAsync("siem-page");
        await server.CreateAccountAsync("auditor@example.com", DashboardRole.ComplianceAuditor);
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var destination = new SiemDestination
        {
            WorkspaceId = "demo", Id = RecordIds.NewId(now), Name = "Security data lake", Kind = SiemDestinationKind.Webhook,
            Format = SiemPayloadFormat.Native, Endpoint = new SiemEndpoint { Url = new Uri($"http://127.0.0.1:{deadPort}/ingest") },
            Secrets = new SiemSecrets { WebhookSecret = "page-test-secret-not-shown" }, CreatedAt = now, UpdatedAt = now,
        };
        await server.Services.GetRequiredService<ISiemStore>().CreateAsync(destination, 0, CancellationToken.None);
        var reader = server.Services.GetRequiredService<SiemStatusReader>();
        var before = (await reader.ReadAsync(destination, CancellationToken.None))!;

        var page = await server.SignInAsync("auditor@example.com");
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
}
