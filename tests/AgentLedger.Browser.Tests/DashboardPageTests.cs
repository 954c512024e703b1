namespace AgentLedger.Browser.Tests;

/// <summary>Every page shows the numbers the native API gives for the same window (30 days, the default).</summary>
public sealed class DashboardPageTests(DashboardServer server)
{
    private static readonly string Days30 = ApiExpectations.Window(30);

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndNoDashboard()
    {
        server.Require();
        var context = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await page.FillAsync("[data-test=email]", DashboardServer.AdminEmail);
        await page.FillAsync("[data-test=password]", "not the password");
        await page.ClickAsync("[data-test=sign-in]");
        await page.WaitForSelectorAsync("[data-test=login-error]");
        Assert.Equal(0, await page.Locator("[data-test=account]").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Overview_AsAdmin_ShowsTheApiNumbers()
    {
        var page = await server.SignInAsync(DashboardServer.AdminEmail);
        Assert.Equal(DashboardServer.AdminEmail, await page.InnerTextAsync("[data-test=account]"));
        ApiExpectations.Equal(
            await ApiExpectations.TotalsAsync(server.Api, "active_users", Days30 + "&group_by=surface", "active_users", perGroup: true),
            await ApiExpectations.ShownAsync(page, "users-by-surface"));
        ApiExpectations.Equal(
            await ApiExpectations.TotalsAsync(server.Api, "usage", Days30 + "&group_by=surface", "credits", perGroup: true),
            await ApiExpectations.ShownAsync(page, "credits"));
        var threads = await ApiExpectations.TotalsAsync(server.Api, "usage", Days30 + "&group_by=client", "threads", perGroup: false);
        var turns = await ApiExpectations.TotalsAsync(server.Api, "usage", Days30 + "&group_by=client", "turns", perGroup: false);
        ApiExpectations.Equal(new Dictionary<string, double> { ["Threads"] = threads[""], ["Turns"] = turns[""] },
            await ApiExpectations.ShownAsync(page, "threads-turns-by-client"));

        var ranking7 = await ApiExpectations.TotalsAsync(server.Api, "user_ranking", ApiExpectations.Window(7).Replace("&bucket=day", "", StringComparison.Ordinal),
            "threads", perGroup: false);
        Assert.NotEmpty(ranking7);
        var sevenDays = page.Locator("[data-test=active-users][data-days='7']");
        await sevenDays.WaitForAsync();
        using var ranking = System.Text.Json.JsonDocument.Parse(await server.Api.GetStringAsync(
            $"/api/v1/analytics/workspaces/demo/user_ranking?{ApiExpectations.Window(7).Replace("&bucket=day", "", StringComparison.Ordinal)}&limit=30000"));
        Assert.Equal(ranking.RootElement.GetProperty("data").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
            await sevenDays.InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/code-review", "reviews", "code_reviews", "group_by=workspace", "reviews", "Reviews")]
    [InlineData("/code-review", "by-priority", "code_reviews", "group_by=workspace", "comments_p1", "P1")]
    [InlineData("/code-review", "sentiment", "code_review_engagement", "group_by=workspace", "upvotes", "Up")]
    [InlineData("/cloud", "cloud-tasks", "cloud_tasks", "group_by=workspace", "completed", "Completed")]
    [InlineData("/cloud", "cloud-tasks", "cloud_tasks", "group_by=workspace", "failed", "Failed")]
    [InlineData("/cli-ide", "cli-users", "active_users", "group_by=agent&surface=cli", "active_users", null)]
    [InlineData("/cli-ide", "ide-users", "active_users", "group_by=agent&surface=ide", "active_users", null)]
    [InlineData("/cli-ide", "cli-versions", "active_users", "group_by=version&surface=cli", "active_users", null)]
    [InlineData("/cli-ide", "ide-versions", "active_users", "group_by=version&surface=ide", "active_users", null)]
    public async Task Page_AsViewer_ShowsTheApiNumbers(string path, string chart, string endpoint, string query, string field, string? series)
    {
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync(path);
        var shown = await ApiExpectations.ShownAsync(page, chart);
        var expected = await ApiExpectations.TotalsAsync(server.Api, endpoint, Days30 + "&" + query, field, perGroup: series is null);
        if (series is null)
        {
            ApiExpectations.Equal(expected, shown);
        }
        else
        {
            Assert.True(expected[""] > 0, $"the seeded workspace has no {field}");
            Assert.Equal(expected[""], shown[series], 3);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CliIde_VersionTable_ShowsEachAgentVersionsLastDayPeakAndDaysFromTheApi()
    {
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync("/cli-ide");
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var surface in new[] { "cli", "ide" })
        {
            using var answer = System.Text.Json.JsonDocument.Parse(await server.Api.GetStringAsync(
                $"/api/v1/analytics/workspaces/demo/active_users?{Days30}&group_by=version&surface={surface}&limit=30000"));
            foreach (var version in answer.RootElement.GetProperty("data").EnumerateArray().GroupBy(r => r.GetProperty("group").GetString()!))
            {
                var users = version.Select(r => (Day: r.GetProperty("bucket_start").GetString()![..10], Users: r.GetProperty("active_users").GetInt32())).ToList();
                expected[$"{surface} {version.Key}"] = $"{users.Where(u => u.Day == lastDay).Sum(u => u.Users)}/{users.Max(u => u.Users)}/{users.Count}";
            }
        }

        var rows = page.Locator("[data-test=version-table] [data-test=version-row]");
        await rows.First.WaitForAsync(new() { Timeout = 30_000 });
        var shown = await rows.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.key, e.dataset.last + '/' + e.dataset.peak + '/' + e.dataset.days])");

        Assert.True(expected.Count > 2, "the demo workspace reports several versions");
        // the grid pages by 20 rows: every row shown is the API's figure
        Assert.Equal(Math.Min(20, expected.Count), shown.Length);
        Assert.All(shown, row => Assert.Equal(expected[row[0]], row[1]));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Users_SortByTurns_ListsTheApiRanking()
    {
        var page = await server.SignInAsync(DashboardServer.ViewerEmail);
        await page.GotoAsync("/users");
        await page.ClickAsync("[data-test=sort-by] >> text=turns");
        using var ranking = System.Text.Json.JsonDocument.Parse(await server.Api.GetStringAsync(
            $"/api/v1/analytics/workspaces/demo/user_ranking?{ApiExpectations.Window(30).Replace("&bucket=day", "", StringComparison.Ordinal)}&sort_by=turns&limit=30000"));
        var first = ranking.RootElement.GetProperty("data")[0];
        var expectedName = first.GetProperty("user_email").GetString() ?? first.GetProperty("user_id").GetString()!;
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-test=user-link]").First).ToHaveTextAsync(expectedName);
        await page.Context.CloseAsync();
    }
}
