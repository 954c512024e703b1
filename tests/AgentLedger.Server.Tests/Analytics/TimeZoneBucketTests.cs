using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>Days are local midnight to local midnight: 23 hours when clocks go forward, 25 when they go back.</summary>
public sealed class TimeZoneBucketTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    // America/New_York 2026: clocks go forward on 8 March, back on 1 November
    [InlineData("America/New_York", "2026-03-07", "2026-03-08", 23, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00")]
    [InlineData("America/New_York", "2026-10-31", "2026-11-01", 25, "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00")]
    // Europe/Berlin 2026: forward on 29 March, back on 25 October
    [InlineData("Europe/Berlin", "2026-03-28", "2026-03-29", 23, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00")]
    [InlineData("Europe/Berlin", "2026-10-24", "2026-10-25", 25, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00")]
    public async Task DailyUsage_AcrossDstChange_DaysOf23Or25HoursWithTheirTotals(
        string zone, string dayBefore, string changeDay, int hoursOfChangeDay, string changeStart, string changeEnd)
    {
        var ws = await server.NewWorkspaceAsync();
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var from = Midnight(tz, DateOnly.Parse(dayBefore, System.Globalization.CultureInfo.InvariantCulture));
        var to = Midnight(tz, DateOnly.Parse(changeDay, System.Globalization.CultureInfo.InvariantCulture).AddDays(2));
        // one prompt at 30 minutes past every UTC hour of the three local days
        var prompts = new List<EventBuilder>();
        for (var at = from.AddMinutes(30); at < to; at = at.AddHours(1))
        {
            prompts.Add(EventBuilder.Prompt().At(at.ToUniversalTime()));
        }

        (await ws.Client().PostEventsAsync(EventBuilder.Batch([.. prompts]))).EnsureSuccessStatusCode();

        var response = await ws.Client().GetAsync(
            $"/api/v1/analytics/workspaces/{ws.Id}/usage?from={dayBefore}&to={DateOnly.Parse(changeDay, System.Globalization.CultureInfo.InvariantCulture).AddDays(2):yyyy-MM-dd}&bucket=day&time_zone={zone}");
        var rows = (await response.EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray();

        Assert.Equal(3, rows.Count);
        Assert.Equal([24, hoursOfChangeDay, 24], rows.Select(r => (int)(long)r!["messages"]!));
        Assert.Equal(changeStart, (string)rows[1]!["bucket_start"]!);
        Assert.Equal(changeEnd, (string)rows[1]!["bucket_end"]!);
        Assert.Equal(prompts.Count, rows.Sum(r => (long)r!["messages"]!));
    }

    [Fact]
    public async Task HourlyUsage_OnTheDayClocksGoBack_HasTwoRowsForTheRepeatedLocalHour()
    {
        var ws = await server.NewWorkspaceAsync();
        // 05:30Z and 06:30Z are 01:30 EDT and 01:30 EST on 1 November 2026
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().At("2026-11-01T05:30:00Z"), EventBuilder.Prompt().At("2026-11-01T06:30:00Z")))).EnsureSuccessStatusCode();

        var rows = (await (await ws.Client().GetAsync(
                $"/api/v1/analytics/workspaces/{ws.Id}/usage?from=2026-11-01&to=2026-11-02&bucket=hour&time_zone=America/New_York"))
            .EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray();

        Assert.Equal(["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00"], rows.Select(r => (string)r!["bucket_start"]!));
    }

    [Fact]
    public async Task WeeklyUsage_StartsOnLocalMonday()
    {
        var ws = await server.NewWorkspaceAsync();
        (await ws.Client().PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().At("2026-11-15T22:30:00Z"), // Sunday 23:30 in Berlin: week of Monday 9 November
            EventBuilder.Prompt().At("2026-11-15T23:30:00Z")))).EnsureSuccessStatusCode(); // Monday 00:30 in Berlin

        var rows = (await (await ws.Client().GetAsync(
                $"/api/v1/analytics/workspaces/{ws.Id}/usage?from=2026-11-09&to=2026-11-23&bucket=week&time_zone=Europe/Berlin"))
            .EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray();

        Assert.Equal(["2026-11-09T00:00:00+01:00", "2026-11-16T00:00:00+01:00"], rows.Select(r => (string)r!["bucket_start"]!));
        Assert.Equal([1L, 1L], rows.Select(r => (long)r!["messages"]!));
    }

    [Theory]
    [InlineData("time_zone=Mars/Olympus", "time_zone")]
    [InlineData("time_zone=Asia/Kolkata", "time_zone")]
    [InlineData("bucket=month", "bucket")]
    [InlineData("group_by=repository", "group_by")]
    [InlineData("surface=holodeck", "surface")]
    [InlineData("limit=0", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("format=xml", "format")]
    [InlineData("page=abc", "page")]
    public async Task Usage_InvalidParameter_AnswersProblemNamingIt(string query, string parameter)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/api/v1/analytics/workspaces/{ws.Id}/usage?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal([parameter], problem["errors"]!.AsObject().Select(p => p.Key));
        Assert.StartsWith(parameter + ":", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    private static DateTimeOffset Midnight(TimeZoneInfo tz, DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, tz.GetUtcOffset(local));
    }
}
