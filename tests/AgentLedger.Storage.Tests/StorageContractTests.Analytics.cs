using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    public static TheoryData<AnalyticsGroupBy, AnalyticsBucket, string> Groupings()
    {
        var data = new TheoryData<AnalyticsGroupBy, AnalyticsBucket, string>();
        // versions have their own rollup and test (StorageContractTests.Versions.cs)
        foreach (var group in Enum.GetValues<AnalyticsGroupBy>().Where(g => g != AnalyticsGroupBy.Version))
        {
            data.Add(group, AnalyticsBucket.Day, "Europe/Berlin");
            data.Add(group, AnalyticsBucket.Hour, "UTC");
            // whole UTC days and weeks are read from the daily rollup
            data.Add(group, AnalyticsBucket.Day, "UTC");
            data.Add(group, AnalyticsBucket.Week, "UTC");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groupings))]
    public async Task AnalyticsPages_SmallPages_ConcatenateToOnePageAndMatchTheRecords(AnalyticsGroupBy groupBy, AnalyticsBucket bucket, string zone)
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 500, seed: 21, Start, TimeSpan.FromDays(3)), Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 100, seed: 22, Start, TimeSpan.FromDays(3)), Ct);
        var calendar = BucketCalendar.Create(zone, bucket);
        var from = calendar.BucketStartOf(Start.AddDays(-1).ToUnixTimeSeconds());
        var to = calendar.BucketEndOf(Start.AddDays(4).ToUnixTimeSeconds());
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);
        var pages = new AnalyticsPageReader(storage.Analytics);

        var whole = await pages.ReadPageAsync(new AnalyticsQuery("t", scope, from, to, calendar, groupBy, 100_000), null, Ct);
        var paged = new List<AnalyticsSeriesRow>();
        AnalyticsPosition? position = null;
        do
        {
            var page = await pages.ReadPageAsync(new AnalyticsQuery("t", scope, from, to, calendar, groupBy, 7), position, Ct);
            paged.AddRange(page.Rows);
            position = page.Next;
        }
        while (position is not null);

        Assert.False(whole.HasMore);
        Assert.Equal(whole.Rows.Select(Describe), paged.Select(Describe));
        var stored = await ReadAllAsync(storage, "ws-a");
        var sessionStarts = stored.Where(r => r.SessionId is not null).GroupBy(r => r.SessionId).Select(g => g.Min(r => r.Seq)).ToHashSet();
        var expected = stored
            .GroupBy(r => (Bucket: calendar.BucketStartOf(r.OccurredAt.ToUnixTimeSeconds()), Key: KeyOf(r, groupBy)))
            .OrderBy(g => g.Key.Bucket).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Bucket} {g.Key.Key} records={g.Count()} threads={g.Count(r => sessionStarts.Contains(r.Seq))} " +
                         $"turns={g.Count(r => r.Kind is RecordKind.UserPrompt or RecordKind.CloudTaskCreated)} credits={g.Sum(r => r.Credits ?? 0):0.######} " +
                         $"users={g.Where(r => r.UserId is not null).Select(r => r.UserId).Distinct().Count()}");
        Assert.Equal(expected, paged.Select(Describe));
    }

    [Fact]
    public async Task AnalyticsCells_ReviewEngagement_CountsEachCommentOnceWhateverTheOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var hour = new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero);
        ActivityRecord Reaction(string comment, ReactionKind kind, int minute) =>
            new RecordBuilder("ws-a", hour.AddMinutes(minute)).Kind(RecordKind.ReviewReaction).By(login: "dev").Client(ClientId.CodexGitHub)
                .Review("acme/api", 7, comment, reaction: kind).Build();
        ActivityRecord Comment(string comment, ReviewPriority priority) =>
            new RecordBuilder("ws-a", hour.AddMinutes(1)).Kind(RecordKind.ReviewComment).By(login: "dev").Client(ClientId.CodexGitHub)
                .Review("acme/api", 7, comment, priority).Build();
        // a reaction arrives before its comment; another comment is only ever reacted to (never stored itself)
        await storage.Writer.AppendAsync([Reaction("c-1", ReactionKind.Upvote, 0), Reaction("c-9", ReactionKind.Upvote, 0)], Ct);
        await storage.Writer.AppendAsync([Comment("c-1", ReviewPriority.P0), Comment("c-2", ReviewPriority.P1), Comment("c-3", ReviewPriority.P2)], Ct);
        await storage.Writer.AppendAsync(
        [
            Reaction("c-1", ReactionKind.Upvote, 5), Reaction("c-2", ReactionKind.Downvote, 6), Reaction("c-3", ReactionKind.Other, 7),
            new RecordBuilder("ws-a", hour.AddMinutes(8)).Kind(RecordKind.ReviewReply).By(login: "dev").Client(ClientId.CodexGitHub)
                .Review("acme/api", 7, "c-2").Build(),
        ], Ct);

        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.CodeReview);
        var cells = await storage.Analytics.ReadCellsAsync(scope, hour.ToUnixTimeSeconds(), hour.AddHours(1).ToUnixTimeSeconds(), null, null, Ct);

        var engagement = new ReviewEngagement();
        foreach (var cell in cells.Where(c => c.Engagement is not null))
        {
            engagement.Add(cell.Engagement!);
        }

        Assert.Equal((3L, 3L, 3L, 1L, 1L, 1L, 1L),
            (engagement.Comments, engagement.Engaged, engagement.Reacted, engagement.Upvoted, engagement.Downvoted, engagement.ReactedOther, engagement.Replied));
        Assert.Equal(3, cells.Where(c => c.Engagement is null).Sum(c => c.Measures.ReviewComments));
        Assert.True(await storage.GitHub.IsReviewCommentAsync("ws-a", "c-1", Ct));
        Assert.False(await storage.GitHub.IsReviewCommentAsync("ws-a", "c-9", Ct));
    }

    [Fact]
    public async Task AnalyticsCells_Money_ReadsBackExactWithoutTrailingZeros()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var hour = new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero);
        await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", hour.AddMinutes(1)).Kind(RecordKind.ModelResponse).By(email: "a@example.com").Money(0.25m, 1.5m).Build(),
            new RecordBuilder("ws-a", hour.AddMinutes(2)).Kind(RecordKind.ModelResponse).By(email: "b@example.com").Money(0.000001m, 2m).Build(),
            new RecordBuilder("ws-a", hour.AddMinutes(3)).Kind(RecordKind.ModelResponse).By(email: "b@example.com").Money(123456.789012m, 40m).Build(),
        ], Ct);
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);

        var cells = await storage.Analytics.ReadCellsAsync(scope, hour.ToUnixTimeSeconds(), hour.AddHours(1).ToUnixTimeSeconds(), null, 10, Ct);

        // the figures print as they were sent (a JSON number "1.5", not "1.500000"), and sums stay exact
        Assert.Equal(
            ["0.25|1.5", "123456.789013|42"],
            cells.OrderBy(c => c.Measures.Credits).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Measures.CostUsd}|{c.Measures.Credits}")));
    }

    [Fact]
    public async Task AnalyticsCells_UserLimitAfterAPosition_AreAllRowsOfTheNextUsersInOrdinalOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var day = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero);
        var hour = day.AddHours(14);
        // 12 users over three hours, each with rows on two clients (two rollup cells per user and hour)
        await storage.Writer.AppendAsync(
            Enumerable.Range(0, 12).SelectMany(i => new[] { ClientId.CodexCli, ClientId.ClaudeCodeCli }.Select(client =>
                new RecordBuilder("ws-a", hour.AddHours(i % 3).AddMinutes(i)).Kind(RecordKind.UserPrompt).Client(client)
                    .By(email: $"user{i}@example.com").Build())).ToList(), Ct);
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);
        var stored = await ReadAllAsync(storage, "ws-a");
        var all = stored.Select(r => r.UserId!).Distinct().Order(StringComparer.Ordinal).ToList();
        var firstHour = stored.Where(r => r.OccurredAt < hour.AddHours(1)).Select(r => r.UserId!).Distinct().Order(StringComparer.Ordinal).ToList();

        async Task<List<string>> UsersAsync(DateTimeOffset from, DateTimeOffset to, string? after, int limit)
        {
            var cells = await storage.Analytics.ReadCellsAsync(scope, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), after, limit, Ct);
            // every row of each returned user: two clients, one record each
            Assert.All(cells.GroupBy(c => c.UserId), g => Assert.Equal((2, 2L), (g.Count(), g.Sum(c => c.Measures.Records))));
            return cells.Select(c => c.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
        }

        // several hours (the page's users first, then their rows), one hour and one UTC day (one ordered range each)
        foreach (var (from, to, expected) in new[] { (hour, hour.AddHours(3), all), (hour, hour.AddHours(1), firstHour), (day, day.AddDays(1), all) })
        {
            var first = await UsersAsync(from, to, null, 3);
            Assert.Equal(expected.Take(3), first);
            Assert.Equal(expected.Skip(3), await UsersAsync(from, to, first[^1], 100));
        }

        var emails = await storage.Analytics.ReadUserEmailsAsync("ws-a", all, Ct);
        Assert.Equal(12, emails.Count);
    }

    [Fact]
    public async Task GitHubIntegration_SaveAndFind_RoundTripsAndReplaces()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");

        await storage.GitHub.SaveAsync(new GitHubIntegration("ws-a", "first-secret-0123456", ["Codex-Bot[bot]"], ClientId.CodexGitHub), Start, Ct);
        await storage.GitHub.SaveAsync(new GitHubIntegration("ws-a", "second-secret-012345", ["a-bot", "b-bot"], ClientId.ClaudeCodeGitHubAction), Start, Ct);

        var found = await storage.GitHub.FindAsync("ws-a", Ct);
        Assert.NotNull(found);
        Assert.Equal("second-secret-012345", found.WebhookSecret);
        Assert.Equal(["a-bot", "b-bot"], found.ReviewerLogins);
        Assert.Equal(ClientId.ClaudeCodeGitHubAction, found.ClientId);
        Assert.Null(await storage.GitHub.FindAsync("ws-b", Ct));
    }

    private static string KeyOf(ActivityRecord r, AnalyticsGroupBy groupBy) => groupBy switch
    {
        AnalyticsGroupBy.Workspace => "",
        AnalyticsGroupBy.User => r.UserId ?? "",
        AnalyticsGroupBy.Team => r.Team ?? "",
        AnalyticsGroupBy.Surface => WireNames.Of(r.Surface),
        AnalyticsGroupBy.Client => WireNames.Of(r.ClientId),
        AnalyticsGroupBy.Model => r.Model ?? "",
        _ => WireNames.Of(r.Agent),
    };

    private static string Describe(AnalyticsSeriesRow row) =>
        $"{row.BucketStart} {row.GroupKey} records={row.Totals.Records} threads={row.Totals.Threads} turns={row.Totals.Turns} " +
        $"credits={row.Totals.Credits:0.######} users={row.ActiveUsers}";
}
