using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>
/// For random data, windows, limits, groupings, buckets and time zones: the pages concatenate to the unpaginated answer,
/// no row missing or twice, and every figure equals a recomputation from the raw records. Also while events arrive
/// between page requests.
/// </summary>
public sealed class AnalyticsPagingPropertyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 10, 26, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 12;
    private static readonly string[] Zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"];
    private static readonly string[] Buckets = ["hour", "day", "week"];
    private static readonly string[] Groupings = ["workspace", "user", "team", "surface", "client", "model", "agent"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Pages_RandomQueries_ConcatenateToTheWholeAnswerAndMatchRawRecords(int seed)
    {
        var (ws, activity) = await SeedAsync(seed, events: 300);
        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        var random = activity.Random;
        for (var i = 0; i < 8; i++)
        {
            var q = RandomQuery(random, ws.Id);
            var whole = await ReadAllAsync(ws, q.Url(30_000));
            Assert.Single(whole.Pages);

            var paged = await ReadAllAsync(ws, q.Url(q.Limit));

            var context = $"seed {seed}, query {q.Url(q.Limit)}";
            Assert.True(whole.Rows.SequenceEqual(paged.Rows), $"{context}: pages differ from the unpaginated answer");
            var expected = q.Reference.Compute(records, q.From, q.To).Select(r => r.Row).ToList();
            AssertSameRows(expected, paged.Rows, context);
            Assert.Equal(Math.Max(1, (expected.Count + q.Limit - 1) / q.Limit), paged.Pages.Count);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Pages_WhileEventsArrive_TileTheKeySpaceAndEachPageMatchesRawRecordsAtItsTime(int seed)
    {
        var (ws, activity) = await SeedAsync(seed, events: 200);
        var random = activity.Random;
        for (var i = 0; i < 3; i++)
        {
            var q = RandomQuery(random, ws.Id);
            var seen = new HashSet<(DateTimeOffset, string)>();
            (DateTimeOffset Start, string Group)? previous = null;
            string? cursor = null;
            do
            {
                // new activity lands anywhere in the window, before and after the position reached so far
                (await ws.Client().PostEventsAsync(EventBuilder.Batch(activity.Events(random.Next(1, 6))))).EnsureSuccessStatusCode();
                var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
                var page = await GetAsync(ws, q.Url(q.Limit) + (cursor is null ? "" : "&page=" + cursor));
                var rows = page["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
                cursor = (string?)page["next_page"];

                var expected = q.Reference.Compute(records, q.From, q.To)
                    .Where(r => previous is null || Compare((r.Start, r.Group), previous.Value) > 0)
                    .ToList();
                if (cursor is not null)
                {
                    var last = KeyOf(rows[^1]);
                    expected = expected.Where(r => Compare((r.Start, r.Group), last) <= 0).ToList();
                    Assert.Equal(q.Limit, rows.Count);
                }

                var context = $"seed {seed}, {q.Url(q.Limit)}, after {previous}";
                AssertSameRows(expected.Select(r => r.Row).ToList(), rows.Select(ReferenceSeries.Format).ToList(), context);
                foreach (var row in rows)
                {
                    Assert.True(seen.Add(KeyOf(row)), $"{context}: row {KeyOf(row)} returned twice");
                }

                if (rows.Count > 0)
                {
                    previous = KeyOf(rows[^1]);
                }
            }
            while (cursor is not null);
        }
    }

    internal static int Compare((DateTimeOffset Start, string Group) a, (DateTimeOffset Start, string Group) b)
    {
        var byTime = a.Start.CompareTo(b.Start);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Group, b.Group);
    }

    private static (DateTimeOffset, string) KeyOf(JsonObject row) =>
        (DateTimeOffset.Parse((string)row["bucket_start"]!, CultureInfo.InvariantCulture), (string)row["group"]!);

    private static void AssertSameRows(List<string> expected, List<string> actual, string context)
    {
        var missing = expected.Except(actual).Take(3).ToList();
        var extra = actual.Except(expected).Take(3).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{context}: expected {expected.Count} rows, got {actual.Count}.\n missing: {string.Join("\n   ", missing)}\n unexpected: {string.Join("\n   ", extra)}");
    }

    private async Task<(TestWorkspace Ws, RandomActivity Activity)> SeedAsync(int seed, int events)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        (await ws.Client().PutAsync($"/api/v1/workspaces/{ws.Id}/directory/users", JsonContent(RandomActivity.Directory()))).EnsureSuccessStatusCode();
        var activity = new RandomActivity(seed, Start, Days);
        foreach (var batch in activity.Events(events).Chunk(60))
        {
            (await ws.Client().PostEventsAsync(EventBuilder.Batch(batch))).EnsureSuccessStatusCode();
        }

        return (ws, activity);
    }

    private static RandomQueryCase RandomQuery(Random random, string workspaceId)
    {
        var zone = Zones[random.Next(Zones.Length)];
        var bucket = Buckets[random.Next(Buckets.Length)];
        var groupBy = Groupings[random.Next(Groupings.Length)];
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var fromDay = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(random.Next(-1, Days - 1));
        var toDay = fromDay.AddDays(bucket == "hour" ? random.Next(1, 3) : random.Next(1, Days + 2));
        var filter = random.Next(4) switch
        {
            0 => ("&client=CODEX_CLI&client=CLAUDE_CODE_CLI", (Func<JsonObject, bool>)(r => (string)r["client_id"]! is "CODEX_CLI" or "CLAUDE_CODE_CLI")),
            1 => ("&team=red", r => (string?)r["team"] == "red"),
            2 => ("&agent=codex", r => (string)r["agent"]! == "codex"),
            _ => ("", _ => true),
        };
        var reference = new ReferenceSeries(tz, bucket, groupBy, workspaceId) { Filter = filter.Item2 };
        var limit = random.Next(1, 9);
        var query = $"from={fromDay:yyyy-MM-dd}&to={toDay:yyyy-MM-dd}&bucket={bucket}&time_zone={zone}&group_by={groupBy}{filter.Item1}";
        return new RandomQueryCase(query, limit, reference, reference.Midnight(fromDay), reference.Midnight(toDay), workspaceId);
    }

    private static async Task<(List<string> Rows, List<JsonObject> Pages)> ReadAllAsync(TestWorkspace ws, string url)
    {
        var rows = new List<string>();
        var pages = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(ws, url + (cursor is null ? "" : "&page=" + cursor));
            pages.Add(page);
            rows.AddRange(page["data"]!.AsArray().Select(r => ReferenceSeries.Format(r!.AsObject())));
            cursor = (string?)page["next_page"];
        }
        while (cursor is not null);

        return (rows, pages);
    }

    private static async Task<JsonObject> GetAsync(TestWorkspace ws, string url)
    {
        var response = await ws.Client().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static StringContent JsonContent(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private sealed record RandomQueryCase(string Query, int Limit, ReferenceSeries Reference, DateTimeOffset From, DateTimeOffset To, string WorkspaceId)
    {
        public string Url(int limit) => $"/api/v1/analytics/workspaces/{WorkspaceId}/usage?{Query}&limit={limit}";
    }
}
