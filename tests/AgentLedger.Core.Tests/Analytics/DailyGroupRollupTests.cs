using AgentLedger.Core.Analytics;

namespace AgentLedger.Core.Tests.Analytics;

public sealed class DailyGroupRollupTests
{
    private const long Day = 1_773_014_400; // 2026-03-09T00:00Z

    public static TheoryData<string, AnalyticsBucket, AnalyticsGroupBy, string, bool> Queries() => new()
    {
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Surface, "", true },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Workspace, "", true },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Team, "", true },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Agent, "", true },
        // a filter on the grouped dimension keeps each group's count exact
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Surface, "surface", true },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Model, "model", true },
        // a filter on another dimension, or the workspace filtered at all: distinct users are not in the counts
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Surface, "client", false },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Workspace, "team", false },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Model, "user", false },
        // per user, per version: not kept
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.User, "", false },
        { "UTC", AnalyticsBucket.Day, AnalyticsGroupBy.Version, "", false },
        // buckets that are not single UTC days
        { "Europe/Berlin", AnalyticsBucket.Day, AnalyticsGroupBy.Surface, "", false },
        { "UTC", AnalyticsBucket.Hour, AnalyticsGroupBy.Surface, "", false },
        { "UTC", AnalyticsBucket.Week, AnalyticsGroupBy.Surface, "", false },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void ReadsDailyGroups_Query_OnlyWhenTheCountsAreExact(string zone, AnalyticsBucket bucket, AnalyticsGroupBy groupBy, string filterOn, bool expected)
    {
        var filter = filterOn switch
        {
            "surface" => new AnalyticsFilter { Surfaces = ["cli"] },
            "client" => new AnalyticsFilter { Clients = ["CODEX_CLI"] },
            "team" => new AnalyticsFilter { Teams = ["red"] },
            "model" => new AnalyticsFilter { Models = ["gpt-5", "o3"] },
            "user" => new AnalyticsFilter { Users = ["u-1"] },
            _ => AnalyticsFilter.None,
        };
        var query = new AnalyticsQuery(
            "t", new AnalyticsScope("ws", filter, AnalyticsActivity.Any), Day, Day + 7 * 86_400, BucketCalendar.Create(zone, bucket), groupBy, 100);

        Assert.Equal(expected, AnalyticsPageReader.ReadsDailyGroups(query));
    }

    [Theory]
    [InlineData(AnalyticsActivity.CodeReview)]
    [InlineData(AnalyticsActivity.CloudTasks)]
    public void ReadsDailyGroups_ActivityOtherThanAny_ReadsThePerUserRollups(AnalyticsActivity activity)
    {
        var query = new AnalyticsQuery(
            "t", new AnalyticsScope("ws", AnalyticsFilter.None, activity), Day, Day + 86_400, BucketCalendar.Utc(AnalyticsBucket.Day), AnalyticsGroupBy.Surface, 100);

        Assert.False(AnalyticsPageReader.ReadsDailyGroups(query));
    }

    [Theory]
    [InlineData("", "workspace")]
    [InlineData("team", "team")]
    [InlineData("client", "client")]
    [InlineData("team+client", null)]
    [InlineData("user", null)]
    public void ExactDimension_DistinctCount_UsesTheOneFilteredDimension(string filterOn, string? expected)
    {
        var filter = filterOn switch
        {
            "team" => new AnalyticsFilter { Teams = ["red"] },
            "client" => new AnalyticsFilter { Clients = ["CODEX_CLI", "CODEX_WEB"] },
            "team+client" => new AnalyticsFilter { Teams = ["red"], Clients = ["CODEX_CLI"] },
            "user" => new AnalyticsFilter { Users = ["u-1"] },
            _ => AnalyticsFilter.None,
        };

        Assert.Equal(expected, DailyGroupRollup.ExactDimension(new AnalyticsScope("ws", filter, AnalyticsActivity.Any), null));
    }
}
