using System.Globalization;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>A server that reads every series from the per-user rollups (<c>Analytics:UseUserFreeRollups=false</c>).</summary>
public sealed class PerUserRollupServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--Analytics:UseUserFreeRollups=false"];
}

/// <summary>
/// The same events in two servers, one reading the user-free daily rollups where they answer exactly and one reading
/// only the per-user rollups: every page of every query (JSON and CSV, cursors included) is the same bytes, whether the
/// query takes the user-free path (UTC days grouped by workspace, team, surface, client, model or agent) or falls back.
/// </summary>
public sealed class UserFreeRollupEquivalenceTests(ServerFixture fast, PerUserRollupServerFixture slow)
    : IClassFixture<ServerFixture>, IClassFixture<PerUserRollupServerFixture>
{
    /// <summary>Six days ago (UTC midnight): active_user_counts counts back from today.</summary>
    private static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-6);

    private static string Window => string.Create(CultureInfo.InvariantCulture, $"from={Start.AddDays(-1):yyyy-MM-dd}&to={Start.AddDays(8):yyyy-MM-dd}");

    public static TheoryData<string> Queries() => new()
    {
        // answered from the user-free rollups
        "usage?group_by=surface", "usage?group_by=client", "usage?group_by=model", "usage?group_by=workspace", "usage?group_by=team",
        "usage?group_by=agent", "active_users?group_by=surface", "active_users?group_by=team", "sessions?group_by=model",
        "usage?group_by=surface&surface=cli&surface=ide", "active_users?group_by=client&client=CODEX_CLI",
        "active_user_counts?days=1,3,7", "active_user_counts?days=2,5&team=red",
        // one value each: the users' last days (and, for the values of the record dated tomorrow, that user's days looked up)
        "active_user_counts?days=1,7,30&client=CODEX_CLI", "active_user_counts?days=1,7,30&surface=ide", "active_user_counts?days=1,7,30&model=gpt-5",
        "active_user_counts?days=1,7,30&agent=claude_code", "active_user_counts?days=1,7,30&agent=gemini_cli", "active_user_counts?days=1,2,30&team=red",
        "active_user_counts?days=1,7,30&client=CODEX_CLI&client=CODEX_WEB",
        // fallbacks: a filter on another dimension, another zone, hours, weeks (per-user rows are left out: each server
        // gives its directory users ids of its own)
        "usage?group_by=surface&client=CODEX_CLI", "active_users?group_by=workspace&team=red", "usage?group_by=surface&time_zone=Europe/Berlin",
        "usage?group_by=surface&bucket=hour", "active_users?group_by=surface&bucket=week",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task NativeSeries_UserFreeAndPerUserRollups_AnswerTheSameBytesOnEveryPage(string query)
    {
        var ws = await SeedBothAsync();
        foreach (var limit in new[] { 4, 1000 })
        {
            foreach (var csv in new[] { false, true })
            {
                var url = $"/api/v1/analytics/workspaces/{ws}/{query}&{Window}&limit={limit}" + (csv ? "&format=csv" : "");
                var fastPages = await ReadPagesAsync(fast, ws, url);
                var slowPages = await ReadPagesAsync(slow, ws, url);

                Assert.Equal(slowPages, fastPages);
                Assert.Contains(fastPages, p => csv ? p.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1 : !p.Body.Contains("\"data\":[]", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task CodexUsage_GroupedByWorkspace_SameBytesAsThePerUserRollups()
    {
        var ws = await SeedBothAsync();
        var url = $"/v1/analytics/codex/workspaces/{ws}/usage?group=workspace&start_time={Start.ToUnixTimeSeconds()}&end_time={Start.AddDays(7).ToUnixTimeSeconds()}&limit=3";

        var fastPages = await ReadPagesAsync(fast, ws, url, cursorParameter: "page");
        var slowPages = await ReadPagesAsync(slow, ws, url, cursorParameter: "page");

        Assert.Equal(slowPages, fastPages);
        Assert.True(fastPages.Count > 1);
    }

    /// <summary>The same workspace id, directory and events in both servers.</summary>
    private async Task<string> SeedBothAsync()
    {
        var ws = "ws-" + Guid.NewGuid().ToString("N")[..12];
        var random = new Random(7);
        string[] users = ["ana@example.com", "ben@example.com", "cy@example.com", "dee@example.com", "eve@example.com", "fin@example.com"];
        (string Client, string Agent, string Model)[] setups =
        [
            ("CODEX_CLI", "codex", "gpt-5-codex"), ("CODEX_IDE_VSCODE", "codex", "gpt-5-codex"), ("CLAUDE_CODE_CLI", "claude_code", "claude-sonnet-4-5"),
            ("GEMINI_CLI", "gemini_cli", "gemini-2.5-pro"), ("CODEX_WEB", "codex", "gpt-5"),
        ];
        var events = new List<EventBuilder>();
        for (var i = 0; i < 240; i++)
        {
            var (client, agent, model) = setups[random.Next(setups.Length)];
            var at = Start.AddMinutes(random.Next(7 * 24 * 60));
            events.Add((random.Next(3) == 0 ? EventBuilder.Response().Tokens(random.Next(1, 9000), 10, random.Next(1, 900)).Credits(random.Next(1, 4000) / 1000m) : EventBuilder.Prompt())
                .Id($"e-{i}").User(users[random.Next(users.Length)]).Session($"s-{random.Next(30)}").Client(client, agent).Model(model).At(at));
        }

        // A clock running ahead: a record dated tomorrow UTC (within the 24 hours' skew ingest accepts), so that the
        // workspace's and Gemini's last days reach the end of "today" and their counts look up that user's days in the window.
        var tomorrow = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddMinutes(10), TimeSpan.Zero);
        var skewed = tomorrow < DateTimeOffset.UtcNow.AddHours(23) ? tomorrow : DateTimeOffset.UtcNow.AddHours(23);
        events.Add(EventBuilder.Prompt().Id("e-skewed").User("fin@example.com").Session("s-skewed").Client("GEMINI_CLI", "gemini_cli").Model("gemini-2.5-pro").At(skewed));

        foreach (var server in new ServerFixture[] { fast, slow })
        {
            await server.Services.GetRequiredService<IDirectoryStore>().UpsertUsersAsync(ws,
                [new DirectoryUserUpdate("ana@example.com", null, "red"), new DirectoryUserUpdate("ben@example.com", null, "red"),
                 new DirectoryUserUpdate("cy@example.com", null, "blue")], CancellationToken.None);
            var client = server.Client(await server.IssueKeyAsync(ws, ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead));
            // in three requests, the second sent twice (a retry): the retry stores nothing
            (await client.PostEventsAsync(EventBuilder.Batch([.. events[..100]]))).EnsureSuccessStatusCode();
            (await client.PostEventsAsync(EventBuilder.Batch([.. events[100..180]]))).EnsureSuccessStatusCode();
            (await client.PostEventsAsync(EventBuilder.Batch([.. events[100..180]]))).EnsureSuccessStatusCode();
            (await client.PostEventsAsync(EventBuilder.Batch([.. events[180..]]))).EnsureSuccessStatusCode();
        }

        return ws;
    }

    /// <summary>Every page's status and body, following the cursor (next_page in JSON, X-Next-Page in CSV).</summary>
    private static async Task<List<(int Status, string Body)>> ReadPagesAsync(ServerFixture server, string ws, string url, string cursorParameter = "page")
    {
        var client = server.Client(await server.IssueKeyAsync(ws, ApiKeyScope.AnalyticsRead));
        var pages = new List<(int, string)>();
        string? cursor = null;
        do
        {
            var response = await client.GetAsync(cursor is null ? url : $"{url}&{cursorParameter}={Uri.EscapeDataString(cursor)}");
            var body = await response.Content.ReadAsStringAsync();
            pages.Add(((int)response.StatusCode, body));
            Assert.True(response.IsSuccessStatusCode, body);
            cursor = response.Content.Headers.ContentType?.MediaType == "text/csv"
                ? response.Headers.TryGetValues("X-Next-Page", out var next) ? next.Single() : null
                : (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["next_page"];
            Assert.True(pages.Count < 100, "too many pages");
        }
        while (cursor is not null);

        return pages;
    }
}
