using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>The user ranking counts only the activity its surface, client, agent and model filters select: totals, active days and streaks.</summary>
public sealed class UserRankingFilterTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Window = "from=2026-11-14&to=2026-11-21";
    private static readonly DateTimeOffset Last = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string[]> Cases => new()
    {
        // user:turns:active_days:current_streak, in ranking order (turns; tied users in any order)
        { "", ["ana@example.com:5:4:4", "ben@example.com:4:2:0", "cy@example.com:2:2:2", "dee@example.com:0:1:1"] },
        { "surface=cli", ["ana@example.com:3:3:3", "cy@example.com:2:2:2", "dee@example.com:0:1:1"] },
        { "surface=ide", ["ben@example.com:4:2:0", "ana@example.com:2:1:0"] },
        { "client=CODEX_IDE_VSCODE&client=GEMINI_CLI", ["ben@example.com:4:2:0", "ana@example.com:2:1:0", "cy@example.com:2:2:2"] },
        { "agent=gemini_cli", ["cy@example.com:2:2:2"] },
        { "agent=codex&surface=cli", ["ana@example.com:3:3:3"] },
        { "model=claude-sonnet-4-5", ["dee@example.com:0:1:1"] },
        { "team=nobody", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task UserRanking_Filter_CountsOnlyTheSelectedActivity(string filter, string[] expected)
    {
        var ws = await SeedAsync();

        var rows = await RankAsync(ws, $"{Window}&sort_by=turns&{filter}");

        var actual = rows.Select(r => $"{r["user_email"]}:{r["turns"]}:{r["active_days"]}:{r["current_streak"]}").ToList();
        // Ranked by turns; ties go by user id, which the server draws at random, so tied users may come in either order.
        static int Turns(string row) => int.Parse(row.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(actual.OrderByDescending(Turns).Select(Turns), actual.Select(Turns));
        Assert.Equal(expected.OrderByDescending(Turns).ThenBy(r => r, StringComparer.Ordinal), actual.OrderByDescending(Turns).ThenBy(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public async Task UserRanking_ModelFilter_RanksByThatModelsCredits()
    {
        var ws = await SeedAsync();

        var gpt = await RankAsync(ws, $"{Window}&model=gpt-5-codex");
        var claude = await RankAsync(ws, $"{Window}&model=claude-sonnet-4-5");

        Assert.Equal(["ana@example.com:2"], gpt.Select(r => $"{r["user_email"]}:{(decimal)r["credits"]!}"));
        Assert.Equal(["dee@example.com:5"], claude.Select(r => $"{r["user_email"]}:{(decimal)r["credits"]!}"));
    }

    [Fact]
    public async Task UserRanking_UnknownSurface_Answers400NamingIt()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/user_ranking?{Window}&surface=fridge");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("surface", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<TestWorkspace> SeedAsync()
    {
        var ws = await server.NewWorkspaceAsync();
        EventBuilder Prompt(string user, string client, string agent, int daysBack) =>
            EventBuilder.Prompt().User(user).Client(client, agent).At(Last.AddDays(-daysBack));
        var events = new[]
        {
            // ana: Codex CLI on the 18th-20th, the VS Code extension twice on the 17th; gpt-5-codex credits on the CLI
            Prompt("ana@example.com", "CODEX_CLI", "codex", 2), Prompt("ana@example.com", "CODEX_CLI", "codex", 1),
            Prompt("ana@example.com", "CODEX_CLI", "codex", 0),
            Prompt("ana@example.com", "CODEX_IDE_VSCODE", "codex", 3), Prompt("ana@example.com", "CODEX_IDE_VSCODE", "codex", 3),
            EventBuilder.Response().User("ana@example.com").Client("CODEX_CLI", "codex").At(Last).Model("gpt-5-codex").Tokens(100, 0, 10).Credits(2m),
            // ben: the VS Code extension on the 16th and 17th
            Prompt("ben@example.com", "CODEX_IDE_VSCODE", "codex", 4), Prompt("ben@example.com", "CODEX_IDE_VSCODE", "codex", 4),
            Prompt("ben@example.com", "CODEX_IDE_VSCODE", "codex", 3), Prompt("ben@example.com", "CODEX_IDE_VSCODE", "codex", 3),
            // cy: Gemini CLI on the 19th and 20th
            Prompt("cy@example.com", "GEMINI_CLI", "gemini_cli", 1), Prompt("cy@example.com", "GEMINI_CLI", "gemini_cli", 0),
            // dee: one Claude Code response on the 20th, no prompt
            EventBuilder.Response().User("dee@example.com").Client("CLAUDE_CODE_CLI", "claude_code").At(Last).Model("claude-sonnet-4-5")
                .Tokens(300, 0, 30).Credits(5m),
        };
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode();
        return ws;
    }

    private static async Task<List<JsonObject>> RankAsync(TestWorkspace ws, string query)
    {
        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/user_ranking?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync())["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }
}
