using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>The native endpoints' figures on small, hand-checked activity.</summary>
public sealed class NativeAnalyticsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 16, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ActiveUsers_BySurface_CountsDistinctUsersPerDayAndSurface()
    {
        var ws = await server.NewWorkspaceAsync();
        await PostAsync(ws,
            EventBuilder.Prompt().User("ana@example.com").At(Day1),
            EventBuilder.Prompt().User("ana@example.com").At(Day1.AddHours(1)),
            EventBuilder.Prompt().User("ben@example.com").At(Day1).Client("CLAUDE_CODE_CLI", "claude_code"),
            EventBuilder.Prompt().User("ana@example.com").At(Day1).Client("CODEX_IDE_VSCODE", "codex"),
            EventBuilder.Prompt().User("cy@example.com").At(Day1.AddDays(1)));

        var rows = await DataAsync(ws, "active_users?from=2026-11-16&to=2026-11-18");

        Assert.Equal(["2026-11-16 cli 2", "2026-11-16 ide 1", "2026-11-17 cli 1"],
            rows.Select(r => $"{((string)r["bucket_start"]!)[..10]} {r["group"]} {r["active_users"]}"));
    }

    [Fact]
    public async Task ActiveUsers_ByVersion_CountsUsersPerAgentAndVersion_AndFiltersByVersion()
    {
        var ws = await server.NewWorkspaceAsync();
        await PostAsync(ws,
            EventBuilder.Prompt().User("ana@example.com").At(Day1).Set("client_version", "0.169.0"),
            EventBuilder.Prompt().User("ana@example.com").At(Day1.AddHours(2)).Set("client_version", "0.169.0"),
            EventBuilder.Prompt().User("ana@example.com").At(Day1).Client("CODEX_IDE_VSCODE", "codex").Set("client_version", "0.169.0"),
            EventBuilder.Prompt().User("ben@example.com").At(Day1).Set("client_version", "0.170.0"),
            EventBuilder.Prompt().User("cy@example.com").At(Day1).Client("CLAUDE_CODE_CLI", "claude_code").Set("client_version", "2.1.328"),
            EventBuilder.Prompt().User("dan@example.com").At(Day1),
            EventBuilder.Prompt().User("ben@example.com").At(Day1.AddDays(1)).Set("client_version", "0.170.0"));
        const string window = "from=2026-11-16&to=2026-11-18";

        var cli = await DataAsync(ws, $"active_users?{window}&group_by=version&surface=cli");
        var all = await DataAsync(ws, $"active_users?{window}&group_by=version");
        var oneVersion = await DataAsync(ws, $"active_users?{window}&group_by=surface&version=0.169.0&agent=codex");

        Assert.Equal(
            ["2026-11-16 claude_code@2.1.328 1", "2026-11-16 codex@ 1", "2026-11-16 codex@0.169.0 1", "2026-11-16 codex@0.170.0 1", "2026-11-17 codex@0.170.0 1"],
            cli.Select(r => $"{((string)r["bucket_start"]!)[..10]} {r["group"]} {r["active_users"]}"));
        // ana used 0.169.0 in the CLI and the IDE: one user of that version
        Assert.Equal(1, (int)all.Single(r => (string?)r["group"] == "codex@0.169.0")["active_users"]!);
        Assert.Equal(["cli 1", "ide 1"], oneVersion.Select(r => $"{r["group"]} {r["active_users"]}"));
    }

    [Theory]
    [InlineData("usage?group_by=version", "group_by")]
    [InlineData("sessions?version=0.169.0", "version")]
    [InlineData("active_users?group_by=release", "group_by")]
    public async Task Series_VersionOutsideActiveUsers_Answers400NamingTheParameter(string pathAndQuery, string parameter)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/{pathAndQuery}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task ActiveUserCounts_TodaySevenAndThirtyDays_CountEachUserOncePerPeriodAsTheRankingDoes()
    {
        var ws = await server.NewWorkspaceAsync();
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var noon = new DateTimeOffset(today, TimeSpan.Zero).AddHours(12);
        await PostAsync(ws,
            EventBuilder.Prompt().User("ana@example.com").At(noon.AddHours(-12)),
            EventBuilder.Prompt().User("ana@example.com").At(noon.AddDays(-3)).Client("CODEX_IDE_VSCODE", "codex"),
            EventBuilder.Prompt().User("ben@example.com").At(noon.AddDays(-6)),
            EventBuilder.Prompt().User("cy@example.com").At(noon.AddDays(-7)).Client("CLAUDE_CODE_CLI", "claude_code"),
            EventBuilder.Prompt().User("dan@example.com").At(noon.AddDays(-29)),
            EventBuilder.Prompt().User("eve@example.com").At(noon.AddDays(-30)));

        var counts = await DataAsync(ws, "active_user_counts");
        var ideOnly = await DataAsync(ws, "active_user_counts?days=7&days=30&surface=ide");
        var ranking30 = await DataAsync(ws, $"user_ranking?from={today.AddDays(-29):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");

        Assert.Equal(["1 1", "7 2", "30 4"], counts.Select(r => $"{r["days"]} {r["active_users"]}"));
        Assert.Equal(ranking30.Count, (int)counts[2]["active_users"]!);
        Assert.Equal($"{today.AddDays(-6):yyyy-MM-dd}T00:00:00+00:00", (string)counts[1]["from"]!);
        Assert.Equal(["7 1", "30 1"], ideOnly.Select(r => $"{r["days"]} {r["active_users"]}"));
    }

    [Theory]
    [InlineData("active_user_counts?days=0", "days")]
    [InlineData("active_user_counts?days=7,x", "days")]
    [InlineData("active_user_counts?days=367", "days")]
    [InlineData("active_user_counts?surface=terminal", "surface")]
    public async Task ActiveUserCounts_BadParameter_Answers400NamingIt(string pathAndQuery, string parameter)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/{pathAndQuery}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task CloudTasks_AndSessions_CountTasksAndPerUserSessionsAndMessages()
    {
        var ws = await server.NewWorkspaceAsync();
        await PostAsync(ws,
            EventBuilder.Of("cloud_task.created").User("ana@example.com").Session("t-1").At(Day1).Client("CODEX_WEB", "codex"),
            EventBuilder.Of("cloud_task.completed").User("ana@example.com").Session("t-1").At(Day1.AddMinutes(9)).Client("CODEX_WEB", "codex"),
            EventBuilder.Of("cloud_task.created").User("ben@example.com").Session("t-2").At(Day1).Client("CODEX_WEB", "codex"),
            EventBuilder.Of("cloud_task.failed").User("ben@example.com").Session("t-2").At(Day1.AddMinutes(3)).Client("CODEX_WEB", "codex"),
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(Day1),
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(Day1.AddMinutes(5)),
            EventBuilder.Prompt().User("ana@example.com").Session("s-2").At(Day1.AddMinutes(50)));

        var tasks = (await DataAsync(ws, "cloud_tasks?from=2026-11-16&to=2026-11-17")).Single();
        var sessions = await DataAsync(ws, "sessions?from=2026-11-16&to=2026-11-17");

        Assert.Equal((2L, 1L, 1L, 2L), ((long)tasks["created"]!, (long)tasks["completed"]!, (long)tasks["failed"]!, (long)tasks["active_users"]!));
        var ana = sessions.Single(r => (string?)r["user_email"] == "ana@example.com");
        Assert.Equal((3L, 3L, 4L), ((long)ana["sessions"]!, (long)ana["messages"]!, (long)ana["turns"]!)); // t-1, s-1, s-2; a cloud task is a turn
    }

    [Fact]
    public async Task Usage_GroupByTeamWithTeamFilter_UsesTheDirectoryTeams()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var directory = new JsonArray(
            new JsonObject { ["email"] = "ana@example.com", ["team"] = "platform" },
            new JsonObject { ["email"] = "ben@example.com", ["team"] = "payments" });
        (await ws.Client().PutAsJsonAsync($"/api/v1/workspaces/{ws.Id}/directory/users", directory)).EnsureSuccessStatusCode();
        await PostAsync(ws,
            EventBuilder.Prompt().User("ana@example.com").At(Day1), EventBuilder.Prompt().User("ana@example.com").At(Day1),
            EventBuilder.Prompt().User("ben@example.com").At(Day1), EventBuilder.Prompt().User("cy@example.com").At(Day1));

        var all = await DataAsync(ws, "usage?from=2026-11-16&to=2026-11-17&group_by=team");
        var filtered = await DataAsync(ws, "usage?from=2026-11-16&to=2026-11-17&group_by=team&team=payments&team=platform");

        Assert.Equal(["=1", "payments=1", "platform=2"], all.Select(r => $"{r["group"]}={r["messages"]}"));
        Assert.Equal(["payments=1", "platform=2"], filtered.Select(r => $"{r["group"]}={r["messages"]}"));
    }

    [Fact]
    public async Task UserRanking_SortsByMetric_CountsCurrentStreak_AndPagesWithACursor()
    {
        var ws = await server.NewWorkspaceAsync();
        var last = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await PostAsync(ws,
            // ana: active on the 18th, 19th and 20th (streak 3), 3 turns
            EventBuilder.Prompt().User("ana@example.com").At(last.AddDays(-2)),
            EventBuilder.Prompt().User("ana@example.com").At(last.AddDays(-1)),
            EventBuilder.Prompt().User("ana@example.com").At(last),
            // ben: the 16th and 17th, not the 18th-20th (streak 0), 4 turns and most credits
            EventBuilder.Prompt().User("ben@example.com").At(last.AddDays(-4)),
            EventBuilder.Prompt().User("ben@example.com").At(last.AddDays(-4)),
            EventBuilder.Prompt().User("ben@example.com").At(last.AddDays(-3)),
            EventBuilder.Response().User("ben@example.com").At(last.AddDays(-3)).Model("gpt-5-codex").Tokens(1_000, 0, 100).Credits(9m),
            EventBuilder.Prompt().User("ben@example.com").At(last.AddDays(-3)),
            // cy: the 18th and 19th, not yet today (streak 2 counts to yesterday)
            EventBuilder.Prompt().User("cy@example.com").At(last.AddDays(-2)),
            EventBuilder.Prompt().User("cy@example.com").At(last.AddDays(-1)));
        const string window = "from=2026-11-14&to=2026-11-21";

        var byStreak = await DataAsync(ws, $"user_ranking?{window}&sort_by=current_streak");
        var byCredits = await DataAsync(ws, $"user_ranking?{window}");
        var first = await (await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/user_ranking?{window}&sort_by=turns&limit=2"))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var second = await (await ws.Client().GetAsync(
                $"/api/v1/analytics/workspaces/{ws.Id}/user_ranking?{window}&sort_by=turns&limit=2&page={(string)first["next_page"]!}"))
            .EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(["ana@example.com:3", "cy@example.com:2", "ben@example.com:0"], byStreak.Select(r => $"{r["user_email"]}:{r["current_streak"]}"));
        Assert.Equal("ben@example.com", (string)byCredits[0]["user_email"]!);
        Assert.Equal([1, 2, 3], byStreak.Select(r => (int)r["rank"]!));
        Assert.Equal(["ben@example.com", "ana@example.com"], first["data"]!.AsArray().Select(r => (string)r!["user_email"]!));
        Assert.True((bool)first["has_more"]!);
        Assert.Equal(["cy@example.com"], second["data"]!.AsArray().Select(r => (string)r!["user_email"]!));
        Assert.Equal(3, (int)second["data"]![0]!["rank"]!);
        Assert.False((bool)second["has_more"]!);
    }

    private static async Task PostAsync(TestWorkspace ws, params EventBuilder[] events) =>
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode();

    private static async Task<List<JsonObject>> DataAsync(TestWorkspace ws, string pathAndQuery)
    {
        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/{pathAndQuery}");
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync())["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }
}
