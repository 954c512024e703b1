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

    [Theory]
    [InlineData("cli", "csv")]
    [InlineData("ide", "json")]
    public async Task Export_VersionTable_DownloadsTheApiBytes(string surface, string format)
    {
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync("/cli-ide");
        var link = page.Locator($"[data-test=version-table] [data-test=export-{format}][data-surface={surface}]");
        await link.WaitForAsync();
        var href = (await link.GetAttributeAsync("href"))!;
        Assert.Contains("group_by=version", href, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var fromApi = await server.Api.GetByteArrayAsync(href);
        Assert.True(downloaded.Length > 100, "the export is empty");
        Assert.Equal(fromApi, downloaded);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Transcript_AsAnalyticsViewer_IsDeniedByLinkAndByUrlAndNothingIsRead()
    {
        var feed = await ComplianceFeed.ReadAsync(server);
        var session = feed.AnySessionWithPrompt();
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync($"/users/{Uri.EscapeDataString(session.UserId)}");
        await page.Locator("[data-chart=user-sessions] [data-test=total]").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-test=session-link]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-test=sessions]").CountAsync());
        await page.GotoAsync($"/sessions/{Uri.EscapeDataString(session.SessionId)}");
        await page.WaitForSelectorAsync("[data-test=access-denied]");
        Assert.Equal(0, await page.Locator("[data-test=transcript]").CountAsync());
        await page.Context.CloseAsync();

        var events = await AuditEvents.ReadAllAsync(server.Api);
        Assert.DoesNotContain(events, e => AuditEvents.ActorName(e) == DashboardServer.ViewerEmail
                                           && AuditEvents.Action(e) is "READ_SESSION_TRANSCRIPT" or "LIST_USER_SESSIONS");
    }

    [Fact]
    public async Task Transcript_AsComplianceAuditor_ShowsTheSessionAndIsRecordedAsAComplianceRead()
    {
        var feed = await ComplianceFeed.ReadAsync(server);
        var session = feed.AnySessionWithPrompt();
        var page = await server.SignInAsync(DashboardServer.AuditorEmail);
        await page.GotoAsync($"/users/{Uri.EscapeDataString(session.UserId)}");
        var link = page.Locator("[data-test=session-link]").First;
        await link.WaitForAsync();
        var sessionId = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();
        await page.WaitForSelectorAsync("[data-test=transcript]");
        Assert.Equal(sessionId, await page.InnerTextAsync("[data-test=session-id]"));
        var records = feed.RecordsOf(sessionId);
        Assert.Equal(records.Count, await page.Locator("[data-test=transcript-record]").CountAsync());
        Assert.Equal(records.Count(r => r.TryGetProperty("prompt_text", out _)), await page.Locator("[data-test=prompt]").CountAsync());
        var tokens = records.Sum(r => r.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
            ? u.GetProperty("input_tokens").GetInt64() + u.GetProperty("output_tokens").GetInt64() : 0);
        Assert.Equal(tokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-test=transcript-tokens]"));
        await page.Context.CloseAsync();

        var events = await AuditEvents.ReadAllAsync(server.Api);
        // Other tests may open transcripts as the auditor too; this view is the last read of this session by that account.
        var reads = events.Where(e => AuditEvents.Action(e) == "READ_SESSION_TRANSCRIPT"
                                      && e.GetProperty("action_data").GetProperty("session_id").GetString() == sessionId
                                      && AuditEvents.ActorName(e) == DashboardServer.AuditorEmail).ToList();
        Assert.NotEmpty(reads);
        var read = reads[^1];
        Assert.Equal("DASHBOARD_ACCOUNT", read.GetProperty("actor").GetProperty("type").GetString());
        Assert.StartsWith("acc_", read.GetProperty("actor").GetProperty("account").GetString(), StringComparison.Ordinal);
        Assert.Equal("compliance.read", read.GetProperty("action_privilege").GetString());
        Assert.Equal(records.Count, read.GetProperty("action_data").GetProperty("record_count").GetInt32());
        Assert.Contains("Chrome", read.GetProperty("request_metadata").GetProperty("client_user_agent").GetString(), StringComparison.Ordinal);
        Assert.Contains(events, e => AuditEvents.Action(e) == "LIST_USER_SESSIONS" && AuditEvents.ActorName(e) == DashboardServer.AuditorEmail
                                     && e.GetProperty("action_data").GetProperty("user_id").GetString() == session.UserId);
    }

    [Fact]
    public async Task Transcript_WithDlpFindings_MarksEachFindingAtItsStoredOffsets()
    {
        var feed = await ComplianceFeed.ReadAsync(server);
        var flagged = feed.Records.First(r => r.TryGetProperty("session_id", out _) && AuditEvents.Findings(r).Any());
        var sessionId = flagged.GetProperty("session_id").GetString()!;
        var expected = feed.RecordsOf(sessionId)
            .SelectMany(r => AuditEvents.Findings(r).Select(f =>
            {
                var text = r.GetProperty(f.GetProperty("field").GetString()!).GetString()!;
                return (Rule: f.GetProperty("rule").GetString()!, Text: text.Substring(f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32()));
            }))
            .OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Text, StringComparer.Ordinal).ToList();
        var page = await server.SignInAsync(DashboardServer.AuditorEmail);
        await page.GotoAsync($"/sessions/{Uri.EscapeDataString(sessionId)}");
        await page.WaitForSelectorAsync("[data-test=transcript]");

        var marks = await page.Locator("[data-test=dlp-finding]").EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.rule, e.textContent])");
        var shown = marks.Select(m => (Rule: m[0], Text: m[1])).OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Text, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown);
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-test=transcript-findings]"));
        await page.Context.CloseAsync();
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
