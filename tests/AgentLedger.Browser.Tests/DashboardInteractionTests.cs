using System.Text.Json;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>Date range, filters, exports and the compliance boundary, driven through the browser.</summary>
public sealed class DashboardInteractionTests(DashboardServer server)
{
    [Fact]
    public async Task DateRange_SevenDays_ChangesTheChartToTheApiNumbers()
    {
        var page = await server.SignInAsync(DashboardServer.AdminEmail);
        var before = await ApiExpectations.ShownAsync(page, "users-by-surface");
        await page.ClickAsync("[data-test=filters] >> text=7 days");
        await Assertions.Expect(page.Locator("[data-test=window]")).ToContainTextAsync(
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var expected = await ApiExpectations.TotalsAsync(server.Api, "active_users", ApiExpectations.Window(7) + "&group_by=surface", "active_users", perGroup: true);
        await WaitForTotalsAsync(page, "users-by-surface", expected);
        Assert.NotEqual(before.Values.Sum(), (await ApiExpectations.ShownAsync(page, "users-by-surface")).Values.Sum());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SurfaceFilter_Cli_LeavesOnlyTheCliSeries()
    {
        var page = await server.SignInAsync(DashboardServer.AdminEmail);
        Assert.True((await ApiExpectations.ShownAsync(page, "users-by-surface")).Count > 1);
        await page.ClickAsync("[data-test=filters] label:has-text('Surface') .rz-dropdown");
        await page.Locator("li:visible")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*cli\s*$") }).ClickAsync();
        var expected = await ApiExpectations.TotalsAsync(
            server.Api, "active_users", ApiExpectations.Window(30) + "&group_by=surface&surface=cli", "active_users", perGroup: true);
        Assert.Equal(["cli"], expected.Keys);

        await WaitForTotalsAsync(page, "users-by-surface", expected);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Export_ReviewsChart_DownloadsTheApiBytes(string format)
    {
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync("/code-review");
        var link = page.Locator($"[data-chart=reviews] [data-test=export-{format}]");
        await link.WaitForAsync();
        var href = (await link.GetAttributeAsync("href"))!;
        Assert.Contains(ApiExpectations.Window(30), href, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var fromApi = await server.Api.GetByteArrayAsync(href);
        Assert.True(downloaded.Length > 100, "the export is empty");
        Assert.Equal(fromApi, downloaded);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Transcript_AsAnalyticsViewer_IsDenied()
    {
        var session = await AnySessionAsync();
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync($"/users/{Uri.EscapeDataString(session.UserId)}");
        await page.Locator("[data-chart=user-sessions] [data-test=total]").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-test=session-link]").CountAsync());
        await page.GotoAsync($"/sessions/{Uri.EscapeDataString(session.SessionId)}");
        await page.WaitForSelectorAsync("[data-test=access-denied]");
        Assert.Equal(0, await page.Locator("[data-test=transcript]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Transcript_AsComplianceAuditor_ShowsTheSessionsRecords()
    {
        var session = await AnySessionAsync();
        var page = await server.SignInAsync(DashboardServer.AuditorEmail);
        await page.GotoAsync($"/users/{Uri.EscapeDataString(session.UserId)}");
        var link = page.Locator("[data-test=session-link]").First;
        await link.WaitForAsync();
        var sessionId = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();
        await page.WaitForSelectorAsync("[data-test=transcript]");
        Assert.Equal(sessionId, await page.InnerTextAsync("[data-test=session-id]"));
        Assert.Equal(session.RecordsOf(sessionId), await page.Locator("[data-test=transcript-record]").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>A session with a prompt, and how many records it has, read from the record feed with the API key.</summary>
    private async Task<FeedSession> AnySessionAsync()
    {
        server.Require();
        var records = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            using var document = JsonDocument.Parse(await server.Api.GetStringAsync($"/api/v1/workspaces/demo/records?limit=1000{(after is null ? "" : "&after=" + after)}"));
            records.AddRange(document.RootElement.GetProperty("data").EnumerateArray().Select(r => r.Clone()));
            if (!document.RootElement.GetProperty("has_more").GetBoolean())
            {
                break;
            }

            after = document.RootElement.GetProperty("next_page").GetString();
        }

        var prompt = records.First(r => r.TryGetProperty("prompt_text", out _) && r.TryGetProperty("session_id", out _) && r.TryGetProperty("user_id", out _));
        var sessionId = prompt.GetProperty("session_id").GetString()!;
        return new FeedSession(prompt.GetProperty("user_id").GetString()!, sessionId, records);
    }

    private static async Task WaitForTotalsAsync(IPage page, string chart, Dictionary<string, double> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                // The card re-renders while it reloads; elements read a moment ago may be gone.
                ApiExpectations.Equal(expected, await ApiExpectations.ShownAsync(page, chart));
                return;
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
