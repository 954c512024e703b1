using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>DLP findings per bucket by rule, category or action: the native series conventions (buckets, zone, CSV, cursor).</summary>
public sealed class DlpFindingAnalyticsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Token = "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs";
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLE";
    private static readonly DateTimeOffset Day1 = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private async Task<TestWorkspace> SeedAsync()
    {
        var ws = await server.NewWorkspaceAsync();
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().Session("a").At(Day1.AddHours(9)).Prompt($"{Token} kim@example.com"),
            EventBuilder.Prompt().Session("a").At(Day1.AddHours(23).AddMinutes(30)).Prompt($"{Token} {Token}"),
            EventBuilder.Prompt().Session("b").At(Day1.AddDays(1).AddHours(2)).Prompt($"{AwsKey} lee@example.com ann@example.com"),
            EventBuilder.Prompt().Session("c").At(Day1.AddDays(3).AddHours(12)).Prompt("clean text"))))
            .EnsureSuccessStatusCode();
        return ws;
    }

    [Fact]
    public async Task DlpFindings_PerDayByRule_CountsFindingsFlaggedAndRedacted()
    {
        var ws = await SeedAsync();

        var page = await Get(ws, "from=2026-11-09&to=2026-11-14");

        Assert.Equal(("page", "day", "UTC", "rule", false), ((string)page["object"]!, (string)page["bucket"]!, (string)page["time_zone"]!,
            (string)page["group_by"]!, (bool)page["has_more"]!));
        Assert.Null(page["next_page"]);
        Assert.Equal(
            ["2026-11-10T00:00:00+00:00 email 1/1/0", "2026-11-10T00:00:00+00:00 github-token 3/0/3",
             "2026-11-11T00:00:00+00:00 aws-access-key-id 1/0/1", "2026-11-11T00:00:00+00:00 email 2/2/0"],
            Rows(page));
        Assert.Equal("2026-11-11T00:00:00+00:00", (string)page["data"]![0]!["bucket_end"]!);
    }

    [Fact]
    public async Task DlpFindings_GroupsFiltersAndTimeZone_MoveFindingsBetweenRowsAndBuckets()
    {
        var ws = await SeedAsync();

        Assert.Equal(["2026-11-10T00:00:00+00:00 pii 1/1/0", "2026-11-10T00:00:00+00:00 secret 3/0/3",
                      "2026-11-11T00:00:00+00:00 pii 2/2/0", "2026-11-11T00:00:00+00:00 secret 1/0/1"],
            Rows(await Get(ws, "from=2026-11-09&to=2026-11-14&group_by=category")));
        Assert.Equal([$"2026-11-10T00:00:00+00:00 {ws.Id} 3/0/3", $"2026-11-11T00:00:00+00:00 {ws.Id} 1/0/1"],
            Rows(await Get(ws, "from=2026-11-09&to=2026-11-14&group_by=workspace&action=redact")));
        Assert.Equal(["2026-11-10T00:00:00+00:00 redact 3/0/3"],
            Rows(await Get(ws, "from=2026-11-09&to=2026-11-14&group_by=action&rule=github-token")));
        // In Seoul (UTC+9) the 23:30 UTC finding falls on the 11th, with the 02:00 UTC ones.
        Assert.Equal(["2026-11-10T00:00:00+09:00 email 1/1/0", "2026-11-10T00:00:00+09:00 github-token 1/0/1",
                      "2026-11-11T00:00:00+09:00 aws-access-key-id 1/0/1", "2026-11-11T00:00:00+09:00 email 2/2/0",
                      "2026-11-11T00:00:00+09:00 github-token 2/0/2"],
            Rows(await Get(ws, "from=2026-11-09&to=2026-11-14&time_zone=Asia/Seoul")));
        Assert.Equal(["2026-11-09T00:00:00+00:00 email 3/3/0"],
            Rows(await Get(ws, "from=2026-11-09&to=2026-11-14&bucket=week&category=pii")));
    }

    [Fact]
    public async Task DlpFindings_PagedWithLimitOne_ConcatenatesToTheWholeAndRefusesAForeignCursor()
    {
        var ws = await SeedAsync();
        var whole = Rows(await Get(ws, "from=2026-11-09&to=2026-11-14"));

        var rows = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Get(ws, "from=2026-11-09&to=2026-11-14&limit=1" + (cursor is null ? "" : "&page=" + cursor));
            rows.AddRange(Rows(page));
            cursor = (string?)page["next_page"];
        }
        while (cursor is not null);

        Assert.Equal(whole, rows);
        var second = (string)(await Get(ws, "from=2026-11-09&to=2026-11-14&limit=1"))["next_page"]!;
        var foreign = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/dlp_findings?from=2026-11-09&to=2026-11-14&group_by=action&page={second}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("page", (await foreign.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task DlpFindings_CsvAndJson_CarryIdenticalContent()
    {
        var ws = await SeedAsync();
        var url = $"/api/v1/analytics/workspaces/{ws.Id}/dlp_findings?from=2026-11-09&to=2026-11-14";

        var json = await (await ws.Client().GetAsync(url)).EnsureSuccessStatusCode().ReadJsonAsync();
        var csv = await (await ws.Client().GetAsync(url + "&format=csv")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bucket_start,bucket_end,group,findings,flagged,redacted", lines[0]);
        Assert.Equal(json["data"]!.AsArray().Select(r => string.Join(',', r!.AsObject().Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString()))),
            lines.Skip(1));
    }

    [Theory]
    [InlineData("group_by=user", "group_by")]
    [InlineData("rule=aws-key", "rule")]
    [InlineData("category=secrets", "category")]
    [InlineData("action=drop", "action")]
    [InlineData("bucket=month", "bucket")]
    [InlineData("time_zone=Mars/Olympus", "time_zone")]
    [InlineData("limit=0", "limit")]
    [InlineData("format=xml", "format")]
    public async Task DlpFindings_BadParameter_Is400NamingIt(string query, string parameter)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/dlp_findings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    private static async Task<JsonObject> Get(TestWorkspace ws, string query) =>
        await (await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/dlp_findings?{query}")).EnsureSuccessStatusCode().ReadJsonAsync();

    private static List<string> Rows(JsonObject page) =>
        page["data"]!.AsArray().Select(r => $"{r!["bucket_start"]} {r["group"]} {r["findings"]}/{r["flagged"]}/{r["redacted"]}").ToList();
}
