using AgentLedger.Core.Analytics;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task CountActiveUsersAsync_WholeDaysHoursAndFilters_CountEachUserOnceAsTheRecordsSay()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 600, seed: 41, Start, TimeSpan.FromDays(3)), Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 200, seed: 42, Start, TimeSpan.FromDays(3)), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        var day = Start.ToUnixTimeSeconds() / 86_400 * 86_400;
        var cli = new AnalyticsFilter { Surfaces = ["cli"], Models = ["gpt-5-codex"] };
        // whole UTC days (the daily rollup), hours (the hourly one), and a filter
        foreach (var (from, to, filter) in new[]
                 {
                     (day, day + 2 * 86_400, AnalyticsFilter.None), (day + 5 * 3600, day + 9 * 3600, AnalyticsFilter.None),
                     (day, day + 4 * 86_400, cli), (day - 86_400, day, AnalyticsFilter.None),
                 })
        {
            var expected = stored
                .Where(r => r.UserId is not null && r.OccurredAt.ToUnixTimeSeconds() >= from && r.OccurredAt.ToUnixTimeSeconds() < to)
                .Where(r => filter.Surfaces.Count == 0
                            || (AnalyticsMeasureSets.DimensionsOf(Core.Records.WireNames.Of(r.ClientId)).Surface == "cli" && r.Model == "gpt-5-codex"))
                .Select(r => r.UserId).Distinct().Count();

            var counted = await storage.Analytics.CountActiveUsersAsync(new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any), from, to, Ct);

            Assert.Equal(expected, counted);
        }
    }
}
