using AgentLedger.Core.Analytics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    public static TheoryData<AnalyticsBucket, string> VersionCalendars() => new()
    {
        { AnalyticsBucket.Day, "Europe/Berlin" },
        { AnalyticsBucket.Hour, "UTC" },
        { AnalyticsBucket.Week, "UTC" },
    };

    [Theory]
    [MemberData(nameof(VersionCalendars))]
    public async Task AnalyticsPages_ByAgentAndVersion_ConcatenateToOnePageAndMatchTheRecords(AnalyticsBucket bucket, string zone)
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var sample = SampleActivity.Generate("ws-a", 500, seed: 31, Start, TimeSpan.FromDays(3));
        // two commits, so that rollup rows of the second add to those of the first
        await storage.Writer.AppendAsync(sample[..250], Ct);
        await storage.Writer.AppendAsync(sample[250..], Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 100, seed: 32, Start, TimeSpan.FromDays(3)), Ct);
        var calendar = BucketCalendar.Create(zone, bucket);
        var from = calendar.BucketStartOf(Start.AddDays(-1).ToUnixTimeSeconds());
        var to = calendar.BucketEndOf(Start.AddDays(4).ToUnixTimeSeconds());
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any, ClientVersions: true);
        var pages = new AnalyticsPageReader(storage.Analytics);

        var whole = await pages.ReadPageAsync(new AnalyticsQuery("t", scope, from, to, calendar, AnalyticsGroupBy.Version, 100_000), null, Ct);
        var paged = new List<AnalyticsSeriesRow>();
        AnalyticsPosition? position = null;
        do
        {
            var page = await pages.ReadPageAsync(new AnalyticsQuery("t", scope, from, to, calendar, AnalyticsGroupBy.Version, 3), position, Ct);
            paged.AddRange(page.Rows);
            position = page.Next;
        }
        while (position is not null);

        var stored = await ReadAllAsync(storage, "ws-a");
        var expected = stored
            .GroupBy(r => (Bucket: calendar.BucketStartOf(r.OccurredAt.ToUnixTimeSeconds()), Key: VersionKeyOf(r)))
            .OrderBy(g => g.Key.Bucket).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Bucket} {g.Key.Key} records={g.Count()} users={g.Where(r => r.UserId is not null).Select(r => r.UserId).Distinct().Count()}")
            .ToList();
        Assert.False(whole.HasMore);
        Assert.Equal(expected, whole.Rows.Select(DescribeVersion));
        Assert.Equal(expected, paged.Select(DescribeVersion));
        // the sample has versionless records and three versions, across agents
        Assert.Contains(expected, e => e.Contains("codex@0.51.1 ", StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains("@ ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyticsCells_VersionFilterWithSurfaceUserAndModel_AreOnlyThoseRecordsWithTheirVersion()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 600, seed: 33, Start, TimeSpan.FromDays(1)), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        var users = stored.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().Order(StringComparer.Ordinal).Take(2).ToList();
        var filter = new AnalyticsFilter
        {
            Versions = ["0.51.1", "2.1.328"], Surfaces = ["cli", "ide"], Models = ["gpt-5-codex", "claude-sonnet-4-5"], Users = users,
        };
        var scope = new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any, ClientVersions: true);
        var from = Start.AddHours(-2).ToUnixTimeSeconds() / 3600 * 3600;
        var to = Start.AddDays(2).ToUnixTimeSeconds() / 3600 * 3600;

        var cells = await storage.Analytics.ReadCellsAsync(scope, from, to, null, null, Ct);

        var expected = stored
            .Where(r => r.ClientVersion is "0.51.1" or "2.1.328" && r.Model is "gpt-5-codex" or "claude-sonnet-4-5" && users.Contains(r.UserId ?? "")
                        && AnalyticsMeasureSets.DimensionsOf(WireNames.Of(r.ClientId)).Surface is "cli" or "ide")
            .GroupBy(r => (r.UserId ?? "", VersionKeyOf(r)))
            .Select(g => $"{g.Key.Item1} {g.Key.Item2} {g.Count()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected,
            cells.GroupBy(c => (c.UserId, AnalyticsGroupKeys.Of(c, AnalyticsGroupBy.Version)))
                .Select(g => $"{g.Key.UserId} {g.Key.Item2} {g.Sum(c => c.Measures.Records)}")
                .Order(StringComparer.Ordinal));
    }

    private static string VersionKeyOf(ActivityRecord r) =>
        AnalyticsMeasureSets.DimensionsOf(WireNames.Of(r.ClientId)).Agent + "@" + (r.ClientVersion ?? "");

    private static string DescribeVersion(AnalyticsSeriesRow row) =>
        $"{row.BucketStart} {row.GroupKey} records={row.Totals.Records} users={row.ActiveUsers}";
}
