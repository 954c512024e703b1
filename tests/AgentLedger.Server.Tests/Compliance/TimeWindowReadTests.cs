using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;
using static AgentLedger.Server.Tests.Compliance.WindowedHistoryFixture;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Time-windowed compliance reads over a history of several 50,000-seq scan windows: the feed's JSON pages, its streamed
/// formats and the eDiscovery export return exactly the window's records (late arrivals included) in seq order, and the
/// JSON pages of a window late in the history start at its records instead of at the beginning of the history.
/// </summary>
public sealed class TimeWindowReadTests(WindowedHistoryFixture server) : IClassFixture<WindowedHistoryFixture>
{
    [Fact]
    public async Task JsonPages_WindowLateInTheHistory_EveryPageHoldsItsRecordsAndTheLastSaysNoMore()
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();
        var expected = SeqsIn(LateWindow).ToList();

        var pages = await ReadPagesAsync(client, Query(LateWindow), after: null);

        Assert.All(pages, page => Assert.NotEmpty(page.Records));
        Assert.Equal((expected.Count + 999) / 1000, pages.Count);
        Assert.Equal(expected, pages.SelectMany(p => p.Records).Select(r => (long)r["seq"]!));
        Assert.Equal(expected.Select(EventIdOf), pages.SelectMany(p => p.Records).Select(r => (string)r["event_id"]!));
        Assert.False(pages[^1].HasMore);
        Assert.Equal(Records.ToString(CultureInfo.InvariantCulture), pages[^1].NextPage);
    }

    [Fact]
    public async Task JsonPages_WindowWithLateArrivalsAcrossTheHistory_ReturnsThemAllInSeqOrder()
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();
        var expected = SeqsIn(EarlyWindow).ToList();

        var pages = await ReadPagesAsync(client, Query(EarlyWindow), after: null);

        Assert.Contains(expected, seq => seq > 100_000);
        Assert.Equal(expected, pages.SelectMany(p => p.Records).Select(r => (long)r["seq"]!));
        Assert.All(pages, page => Assert.NotEmpty(page.Records));
        Assert.False(pages[^1].HasMore);
    }

    [Theory]
    [InlineData("25000")]
    [InlineData("103500")]
    [InlineData("109600")]
    public async Task JsonPages_CursorFromAnywhere_ResumesWithTheWindowsRecordsAfterIt(string after)
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();
        var expected = SeqsIn(LateWindow).Where(seq => seq > long.Parse(after, CultureInfo.InvariantCulture)).ToList();

        var pages = await ReadPagesAsync(client, Query(LateWindow), after);

        Assert.Equal(expected, pages.SelectMany(p => p.Records).Select(r => (long)r["seq"]!));
        Assert.False(pages[^1].HasMore);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task Stream_Window_ExactlyItsRecordsInSeqOrderAndTheCursorOfTheEnd(string format)
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();

        foreach (var window in new[] { LateWindow, EarlyWindow })
        {
            var response = await client.GetAsync($"/api/v1/compliance/records?format={format}&{Query(window)}");
            var body = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();

            var eventIds = format == "ndjson"
                ? body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["event_id"]!)
                : CsvEventIds(body);
            Assert.Equal(SeqsIn(window).Select(EventIdOf), eventIds);
            Assert.Equal(Records.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Next-Page").Single());
        }
    }

    [Fact]
    public async Task Stream_WindowWithNoRecords_IsEmptyAndResumesAtTheEnd()
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();
        var before = (T0.AddDays(-3), T0.AddDays(-2));

        var stream = await client.GetAsync($"/api/v1/compliance/records?format=ndjson&{Query(before)}");
        var page = await (await client.GetAsync($"/api/v1/compliance/records?limit=10&{Query(before)}")).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal("", await stream.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        Assert.Empty(page["data"]!.AsArray());
        Assert.False((bool)page["has_more"]!);
        Assert.Equal(Records.ToString(CultureInfo.InvariantCulture), (string)page["next_page"]!);
    }

    [Fact]
    public async Task Export_WindowWithLateArrivalsAcrossTheHistory_PackageHoldsExactlyItsRecords()
    {
        var ws = await server.HistoryAsync();
        using var client = ws.Client();
        var filter = new JsonObject
        {
            ["start_time"] = EarlyWindow.Start.ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = EarlyWindow.End.ToString("O", CultureInfo.InvariantCulture),
        };

        var created = await client.PostJsonAsync("/api/v1/compliance/exports", new JsonObject { ["filter"] = filter });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var done = await client.WaitForExportAsync((string)(await created.ReadJsonAsync())["id"]!);

        Assert.Equal("completed", (string)done["status"]!);
        var records = await client.GetAsync($"/api/v1/compliance/exports/{done["id"]}/files/records.ndjson");
        var lines = (await records.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SeqsIn(EarlyWindow).Select(EventIdOf), lines.Select(l => (string)JsonNode.Parse(l)!["event_id"]!));
    }

    private static string Query((DateTimeOffset Start, DateTimeOffset End) window) =>
        $"start_time={window.Start.ToUnixTimeSeconds()}&end_time={window.End.ToUnixTimeSeconds()}";

    private static IEnumerable<string> CsvEventIds(string body)
    {
        var rows = CsvReader.Parse(body);
        var column = Array.IndexOf(rows[0], "event_id");
        return rows.Skip(1).Select(r => r[column]);
    }

    private static async Task<List<(List<JsonObject> Records, bool HasMore, string NextPage)>> ReadPagesAsync(HttpClient client, string query, string? after)
    {
        var pages = new List<(List<JsonObject>, bool, string)>();
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/compliance/records?limit=1000&{query}{(after is null ? "" : "&after=" + after)}"))
                .EnsureSuccessStatusCode().ReadJsonAsync();
            after = (string)page["next_page"]!;
            pages.Add((page["data"]!.AsArray().Select(n => n!.AsObject()).ToList(), (bool)page["has_more"]!, after));
            if (!(bool)page["has_more"]!)
            {
                return pages;
            }

            Assert.True(pages.Count < 200, "the pages never end");
        }
    }
}
