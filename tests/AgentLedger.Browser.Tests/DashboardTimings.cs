using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// Times the overview in Chromium against a running server named by AGENTLEDGER_TIMING_URL (bench/dashboard/measure.sh
/// starts one over the full 90-day demo): from navigation until every chart shows its numbers (30 days, the default),
/// and from the click on "90 days" until every chart shows the 90-day numbers. Writes one line per run to
/// AGENTLEDGER_TIMING_OUT. Skipped when the variables are not set; never part of a test's pass or fail.
/// </summary>
public sealed class DashboardTimings(DashboardServer server)
{
    [Fact]
    public async Task Overview_ThirtyAndNinetyDays_WritesTimings()
    {
        var url = Environment.GetEnvironmentVariable("AGENTLEDGER_TIMING_URL");
        var output = Environment.GetEnvironmentVariable("AGENTLEDGER_TIMING_OUT");
        if (url is null || output is null)
        {
            Assert.Skip("Set AGENTLEDGER_TIMING_URL and AGENTLEDGER_TIMING_OUT (bench/dashboard/measure.sh does).");
        }

        server.Require();
        var runs = int.Parse(Environment.GetEnvironmentVariable("AGENTLEDGER_TIMING_RUNS") ?? "5", CultureInfo.InvariantCulture);
        var context = await server.Browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-test=email]", Environment.GetEnvironmentVariable("AGENTLEDGER_TIMING_EMAIL") ?? "admin@example.com");
        await page.FillAsync("[data-test=password]", Environment.GetEnvironmentVariable("AGENTLEDGER_TIMING_PASSWORD") ?? "");
        await page.ClickAsync("[data-test=sign-in]");
        await page.WaitForSelectorAsync("[data-test=account]");
        var first90 = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = new List<string>();
        // One warm-up round (JIT, SQLite page cache), not reported.
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync("/");
            await Screenshots.WaitForChartsAsync(page);
            var load30 = clock.ElapsedMilliseconds;
            clock.Restart();
            await page.ClickAsync("[data-test=filters] >> text=90 days");
            await page.WaitForSelectorAsync($"[data-test=window]:has-text('{first90}')", new() { Timeout = 60_000 });
            await Screenshots.WaitForChartsAsync(page);
            var click90 = clock.ElapsedMilliseconds;
            if (run > 0)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"run {run}: overview 30 days (navigation) {load30} ms; 90 days (range click) {click90} ms"));
            }
        }

        await File.WriteAllLinesAsync(output, lines);
        await context.CloseAsync();
    }
}
