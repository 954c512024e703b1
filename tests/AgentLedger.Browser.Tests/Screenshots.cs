using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// Screenshots of every page for docs/screenshots, against a running server named by AGENTLEDGER_SCREENSHOT_URL
/// (docs/screenshots/take.sh starts one with the full 90-day demo). Also times the overview, from navigation until
/// every chart shows its numbers. Skipped when the variable is not set.
/// </summary>
public sealed class Screenshots(DashboardServer server)
{
    private static readonly (string Path, string Name)[] Pages =
        [("/", "overview"), ("/code-review", "code-review"), ("/cloud", "cloud"), ("/cli-ide", "cli-ide"), ("/users", "users")];

    private static readonly (string Path, string Name)[] SettingsPages =
        [("/budgets", "budgets"), ("/siem", "siem"), ("/price-book", "price-book"), ("/admin/keys", "admin-keys")];

    [Fact]
    public async Task TakeScreenshots_OfEveryPage_WritesPngs()
    {
        var url = Environment.GetEnvironmentVariable("AGENTLEDGER_SCREENSHOT_URL");
        var folder = Environment.GetEnvironmentVariable("AGENTLEDGER_SCREENSHOT_DIR");
        if (url is null || folder is null)
        {
            Assert.Skip("Set AGENTLEDGER_SCREENSHOT_URL and AGENTLEDGER_SCREENSHOT_DIR (docs/screenshots/take.sh does).");
        }

        server.Require();
        var context = await server.Browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-test=email]", Environment.GetEnvironmentVariable("AGENTLEDGER_SCREENSHOT_EMAIL") ?? "admin@example.com");
        await page.FillAsync("[data-test=password]", Environment.GetEnvironmentVariable("AGENTLEDGER_SCREENSHOT_PASSWORD") ?? "");
        await page.ClickAsync("[data-test=sign-in]");
        await page.WaitForSelectorAsync("[data-test=account]");
        var timings = new List<string>();
        foreach (var (path, name) in Pages)
        {
            for (var run = 0; run < (path == "/" ? 3 : 1); run++)
            {
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(path);
                await WaitForChartsAsync(page);
                timings.Add(string.Create(CultureInfo.InvariantCulture, $"{name} run {run + 1}: {clock.ElapsedMilliseconds} ms"));
            }

            if (path == "/")
            {
                // The overview over the 90-day window.
                var clock = Stopwatch.StartNew();
                var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await page.ClickAsync("[data-test=filters] >> text=90 days");
                await page.WaitForSelectorAsync($"[data-test=window]:has-text('{first}')");
                await WaitForChartsAsync(page);
                timings.Add(string.Create(CultureInfo.InvariantCulture, $"overview 90 days (after the range click): {clock.ElapsedMilliseconds} ms"));
            }

            // Radzen draws a chart's SVG after measuring its container, a moment after the figures arrive.
            await page.WaitForTimeoutAsync(1_500);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }

        await page.ClickAsync("[data-test=user-link] >> nth=0");
        await page.WaitForSelectorAsync("[data-test=user-id]");
        await WaitForChartsAsync(page);
        await page.WaitForTimeoutAsync(1_500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "user.png"), FullPage = true });

        // Settings and admin pages (no charts): their heading, then a moment for an interactive page's first data.
        foreach (var (path, name) in SettingsPages)
        {
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("main h1");
            await page.WaitForTimeoutAsync(1_500);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, "timings.txt"), timings);
        await context.CloseAsync();
    }

    internal static async Task WaitForChartsAsync(IPage page)
    {
        // Pages with charts: every card shows numbers, an empty state or an error; the users page: its ranking.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=user-link]') || [...document.querySelectorAll('[data-test=chart]')].length > 0 && [...document.querySelectorAll('[data-test=chart]')]" +
            ".every(c => c.querySelector('[data-test=total], [data-test=empty], [data-test=chart-error]'))" +
            " && !document.querySelector('[data-test=active-user-tiles] .al-loading')",
            null, new() { Timeout = 60_000 });
    }
}
