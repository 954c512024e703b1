using AgentLedger.Core.Analytics;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// The distinct users of the last N days from each user's last active day (migration 0013), against the records and
/// against the per-user rollups.
/// </summary>
public abstract partial class StorageContractTests
{
    private static readonly ClientId[] LastDayClients = [ClientId.CodexCli, ClientId.CodexIdeVsCode, ClientId.ClaudeCodeCli, ClientId.GeminiCli];
    private static readonly string[] LastDayModels = ["gpt-5-codex", "claude-sonnet-4-5", "gemini-2.5-pro"];

    /// <summary>
    /// The first UTC day of the 40 days of <see cref="LastDayStorageAsync"/>, and the end of its last day (properties:
    /// <see cref="Start"/> is a field of another part, and the order of static fields across parts is not defined).
    /// </summary>
    private static long LastDayFirst => Start.ToUnixTimeSeconds() / 86_400 * 86_400;

    private static long LastDayEnd => LastDayFirst + 40 * 86_400;

    [Fact]
    public async Task CountActiveUsersAsync_LastOneSevenThirtyDaysAndOneValueFilters_EqualTheRecordsOnBothPaths()
    {
        await using var storage = await LastDayStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        // the Overview's windows, ending after the last day with records, and earlier windows (which must fall back)
        (long, long)[] periods =
        [
            (LastDayEnd - 86_400, LastDayEnd), (LastDayEnd - 7 * 86_400, LastDayEnd), (LastDayEnd - 30 * 86_400, LastDayEnd),
            (LastDayEnd - 12 * 86_400, LastDayEnd - 5 * 86_400), (LastDayEnd - 30 * 86_400 + 3600, LastDayEnd),
        ];

        foreach (var (groupBy, filter) in OneValueScopes(stored))
        {
            var scope = new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any);
            var expected = periods.Select(p => DistinctUsers(stored, groupBy, filter, p.Item1, p.Item2)).ToList();

            var fast = await storage.Analytics.CountActiveUsersAsync(scope, periods, useUserFreeRollups: true, Ct);
            var perUser = await storage.Analytics.CountActiveUsersAsync(scope, periods, useUserFreeRollups: false, Ct);

            Assert.Equal(expected, fast);
            Assert.Equal(expected, perUser);
        }

        Assert.True(DistinctUsers(stored, AnalyticsGroupBy.Workspace, AnalyticsFilter.None, LastDayEnd - 7 * 86_400, LastDayEnd)
                    < DistinctUsers(stored, AnalyticsGroupBy.Workspace, AnalyticsFilter.None, LastDayEnd - 30 * 86_400, LastDayEnd));
    }

    [Fact]
    public async Task CountActiveUsersAsync_ExactWindow_CountsFromTheLastDaysNotTheMembershipRows()
    {
        await using var storage = await LastDayStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        var scope = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);
        (long, long)[] periods = [(LastDayEnd - 7 * 86_400, LastDayEnd), (LastDayEnd - 30 * 86_400, LastDayEnd)];
        var expected = periods.Select(p => DistinctUsers(stored, AnalyticsGroupBy.Workspace, AnalyticsFilter.None, p.Item1, p.Item2)).ToList();

        // Without the membership rows, only the last days can still give the right count.
        await storage.ExecuteSqlAsync("DELETE FROM active_user_days WHERE workspace_id = 'ws-a'", Ct);

        Assert.Equal(expected, await storage.Analytics.CountActiveUsersAsync(scope, periods, useUserFreeRollups: true, Ct));
        // An earlier window: the users whose last day is later have their days in it looked up in the (now empty)
        // membership rows, so only the users whose last day falls in the window are left.
        var (from, to) = (LastDayEnd - 12 * 86_400, LastDayEnd - 5 * 86_400);
        var lastInWindow = stored.Where(r => r.UserId is not null).GroupBy(r => r.UserId)
            .Count(u => u.Max(r => r.OccurredAt.ToUnixTimeSeconds()) is var last && last >= from && last < to);
        Assert.NotEqual(0, lastInWindow);
        Assert.NotEqual(lastInWindow, DistinctUsers(stored, AnalyticsGroupBy.Workspace, AnalyticsFilter.None, from, to));
        Assert.Equal([lastInWindow], await storage.Analytics.CountActiveUsersAsync(scope, [(from, to)], true, Ct));
    }

    [Fact]
    public async Task CountActiveUsersAsync_RecordDatedAfterTheWindow_LooksUpTheLateUsersAndStaysRight()
    {
        await using var storage = await LastDayStorageAsync();
        var future = DateTimeOffset.FromUnixTimeSeconds(LastDayEnd + 2 * 86_400 + 3600);
        // A skewed clock: one user active in the window also reports a record two days ahead, and a new user only there.
        await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", future, "skew-1").Kind(RecordKind.UserPrompt).By(email: "last-3@example.com").Client(ClientId.GeminiCli).Model("gemini-2.5-pro").Build(),
            new RecordBuilder("ws-a", future, "skew-2").Kind(RecordKind.UserPrompt).By(email: "only-future@example.com").Client(ClientId.GeminiCli).Model("gemini-2.5-pro").Build(),
        ], Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        (long, long)[] periods = [(LastDayEnd - 86_400, LastDayEnd), (LastDayEnd - 7 * 86_400, LastDayEnd), (LastDayEnd - 30 * 86_400, LastDayEnd)];
        Assert.Contains(stored, r => r.Actor.Email == "last-3@example.com" && r.OccurredAt.ToUnixTimeSeconds() >= periods[2].Item1 && r.OccurredAt.ToUnixTimeSeconds() < LastDayEnd);

        // Only the late users' membership rows are left: the windows are still counted right, so they were not counted
        // from the window's membership rows (which now miss every other user).
        await storage.ExecuteSqlAsync(
            """
            DELETE FROM active_user_days WHERE workspace_id = 'ws-a' AND user_id NOT IN (
                SELECT user_id FROM active_user_days WHERE workspace_id = 'ws-a' AND day_start = (SELECT max(day_start) FROM active_user_days WHERE workspace_id = 'ws-a'))
            """,
            Ct);
        foreach (var (groupBy, filter) in OneValueScopes(stored))
        {
            var scope = new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any);
            var expected = periods.Select(p => DistinctUsers(stored, groupBy, filter, p.Item1, p.Item2)).ToList();

            Assert.Equal(expected, await storage.Analytics.CountActiveUsersAsync(scope, periods, useUserFreeRollups: true, Ct));
        }
    }

    [Fact]
    public async Task CountActiveUsersAsync_MoreLateUsersThanTheLookupBudget_FallsBackToTheMembershipRowsAndStaysRight()
    {
        await using var storage = await LastDayStorageAsync();
        var future = DateTimeOffset.FromUnixTimeSeconds(LastDayEnd + 3600);
        (long, long)[] periods = [(LastDayEnd - 86_400, LastDayEnd), (LastDayEnd - 30 * 86_400, LastDayEnd)];
        // One more user dated after the 30-day window than its lookups allow; plus one of the window's users.
        var late = ActiveUserCountPlan.LateUserLookupBudget / 30 + 1;
        await storage.Writer.AppendAsync(
            [.. Enumerable.Range(0, late).Select(u => new RecordBuilder("ws-a", future, $"late-{u}").Kind(RecordKind.UserPrompt).By(email: $"late-{u}@example.com").Build()),
             new RecordBuilder("ws-a", future, "late-known").Kind(RecordKind.UserPrompt).By(email: "last-3@example.com").Build()],
            Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        var workspace = new AnalyticsScope("ws-a", AnalyticsFilter.None, AnalyticsActivity.Any);
        var expected = periods.Select(p => DistinctUsers(stored, AnalyticsGroupBy.Workspace, AnalyticsFilter.None, p.Item1, p.Item2)).ToList();

        Assert.Equal(expected, await storage.Analytics.CountActiveUsersAsync(workspace, periods, useUserFreeRollups: true, Ct));

        // Without the membership rows, the 30-day window (over budget) can only have been counted from them; the 1-day
        // window (within budget), in the same call or alone, is still counted from the last days, less the late users'
        // unknown days.
        await storage.ExecuteSqlAsync("DELETE FROM active_user_days WHERE workspace_id = 'ws-a'", Ct);
        var alone = await storage.Analytics.CountActiveUsersAsync(workspace, [periods[0]], useUserFreeRollups: true, Ct);
        Assert.NotEqual([0], alone);
        Assert.Equal([alone[0], 0], await storage.Analytics.CountActiveUsersAsync(workspace, periods, useUserFreeRollups: true, Ct));
    }

    [Fact]
    public async Task CountActiveUsersAsync_SeveralValuesOrAnotherFilter_FallBackAndMatchTheRecords()
    {
        await using var storage = await LastDayStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        (long, long)[] periods = [(LastDayEnd - 7 * 86_400, LastDayEnd), (LastDayEnd - 30 * 86_400, LastDayEnd)];
        var twoClients = new AnalyticsFilter { Clients = ["CODEX_CLI", "CLAUDE_CODE_CLI"] };
        var expected = periods.Select(p => stored
            .Where(r => r.UserId is not null && r.OccurredAt.ToUnixTimeSeconds() >= p.Item1 && r.OccurredAt.ToUnixTimeSeconds() < p.Item2)
            .Where(r => r.ClientId is ClientId.CodexCli or ClientId.ClaudeCodeCli)
            .Select(r => r.UserId).Distinct().Count()).ToList();

        Assert.Equal(expected, await storage.Analytics.CountActiveUsersAsync(new AnalyticsScope("ws-a", twoClients, AnalyticsActivity.Any), periods, true, Ct));
    }

    [Fact]
    public async Task Migrate_StoreWrittenBefore0013_BackfillsTheLastDaysTheWriterKeeps()
    {
        await using var storage = await LastDayStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        var maintained = await DescribeLastDaysAsync(storage, stored);

        // The store as a build before migration 0013 left it.
        await storage.ExecuteSqlAsync("DROP TABLE active_user_last_days", Ct);
        await storage.ExecuteSqlAsync("DELETE FROM schema_migrations WHERE version = 13", Ct);
        Assert.Equal(1, await storage.MigrateAsync(Ct));
        var backfilled = await DescribeLastDaysAsync(storage, stored);
        // and the writer goes on from the backfilled state: a later day, and an earlier one arriving late
        await storage.Writer.AppendAsync(LastDayBatch("late", 5, [39, 2], seed: 77), Ct);
        var after = await ReadAllAsync(storage, "ws-a");

        Assert.Equal(maintained, backfilled);
        foreach (var (groupBy, filter) in OneValueScopes(after))
        {
            var scope = new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any);
            var periods = Enumerable.Range(1, 40).Select(days => (LastDayEnd - days * 86_400L, LastDayEnd)).ToList();
            Assert.Equal(
                periods.Select(p => DistinctUsers(after, groupBy, filter, p.Item1, p.Item2)),
                await storage.Analytics.CountActiveUsersAsync(scope, periods, useUserFreeRollups: true, Ct));
        }
    }

    /// <summary>
    /// ws-a: 40 UTC days of 30 users, each active on a few days through a few clients and models, in several commits
    /// (one retried whole, one with days older than the commits before it), half of them in teams; plus sample activity
    /// (unidentified actors, every kind) and records in ws-b that must not leak into ws-a.
    /// </summary>
    private async Task<ITestStorage> LastDayStorageAsync()
    {
        var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Directory.UpsertUsersAsync("ws-a",
            Enumerable.Range(0, 30).Where(u => u % 2 == 0).Select(u => new DirectoryUserUpdate($"last-{u}@example.com", null, u % 4 == 0 ? "platform" : "security")).ToList(),
            Ct);
        await storage.Writer.AppendAsync(LastDayBatch("a", 30, [0, 10, 20], seed: 71), Ct);
        await storage.Writer.AppendAsync(LastDayBatch("b", 30, [30, 36, 39], seed: 72), Ct);
        await storage.Writer.AppendAsync(LastDayBatch("b", 30, [30, 36, 39], seed: 72), Ct); // retried whole
        await storage.Writer.AppendAsync(LastDayBatch("c", 30, [5, 15, 25, 33], seed: 73), Ct); // older days after later ones
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 200, seed: 74, Start.AddDays(20), TimeSpan.FromDays(19)), Ct);
        await storage.Writer.AppendAsync(LastDayBatch("b", 30, [37, 38, 39], seed: 75, workspaceId: "ws-b"), Ct);
        return storage;
    }

    /// <summary>Each of <paramref name="users"/> users is active on some of <paramref name="days"/> (offsets from the first day).</summary>
    private static List<ActivityRecord> LastDayBatch(string id, int users, int[] days, int seed, string workspaceId = "ws-a")
    {
        var random = new Random(seed);
        var records = new List<ActivityRecord>();
        for (var u = 0; u < users; u++)
        {
            foreach (var day in days.Where(_ => random.Next(3) > 0))
            {
                var at = DateTimeOffset.FromUnixTimeSeconds(LastDayFirst + day * 86_400L + random.Next(86_400));
                records.Add(new RecordBuilder(workspaceId, at, $"{workspaceId}-{id}-{u}-{day}")
                    .Kind(RecordKind.UserPrompt).By(email: $"last-{u}@example.com")
                    .Client(LastDayClients[random.Next(LastDayClients.Length)]).Model(LastDayModels[random.Next(LastDayModels.Length)]).Build());
            }
        }

        return records;
    }

    /// <summary>The workspace, and a filter on one value for every value of every dimension the records hold.</summary>
    private static IEnumerable<(AnalyticsGroupBy GroupBy, AnalyticsFilter Filter)> OneValueScopes(List<ActivityRecord> stored)
    {
        yield return (AnalyticsGroupBy.Workspace, AnalyticsFilter.None);
        foreach (var groupBy in DailyGroupings.Skip(1))
        {
            foreach (var value in stored.Where(r => r.UserId is not null).Select(r => KeyOf(r, groupBy)).Distinct().Order(StringComparer.Ordinal))
            {
                string[] one = [value];
                yield return (groupBy, groupBy switch
                {
                    AnalyticsGroupBy.Team => new AnalyticsFilter { Teams = one },
                    AnalyticsGroupBy.Surface => new AnalyticsFilter { Surfaces = one },
                    AnalyticsGroupBy.Client => new AnalyticsFilter { Clients = one },
                    AnalyticsGroupBy.Model => new AnalyticsFilter { Models = one },
                    _ => new AnalyticsFilter { Agents = one },
                });
            }
        }
    }

    private static int DistinctUsers(List<ActivityRecord> stored, AnalyticsGroupBy groupBy, AnalyticsFilter filter, long from, long to)
    {
        var values = DailyGroupRollup.FilterValues(filter, DailyGroupRollup.DimensionOf(groupBy)!);
        return stored
            .Where(r => r.UserId is not null && r.OccurredAt.ToUnixTimeSeconds() >= from && r.OccurredAt.ToUnixTimeSeconds() < to)
            .Where(r => values.Count == 0 || values.Contains(KeyOf(r, groupBy)))
            .Select(r => r.UserId).Distinct().Count();
    }

    /// <summary>
    /// For every one-value scope, the users counted from each first day to the end: the distribution of the last days
    /// (how many users' last day is on or after each day), which is what the table answers.
    /// </summary>
    private async Task<List<string>> DescribeLastDaysAsync(ITestStorage storage, List<ActivityRecord> stored)
    {
        var periods = Enumerable.Range(1, 40).Select(days => (LastDayEnd - days * 86_400L, LastDayEnd)).ToList();
        var all = new List<string>();
        foreach (var (groupBy, filter) in OneValueScopes(stored))
        {
            var counts = await storage.Analytics.CountActiveUsersAsync(new AnalyticsScope("ws-a", filter, AnalyticsActivity.Any), periods, true, Ct);
            all.Add($"{groupBy} {string.Join("|", filter.Teams.Concat(filter.Surfaces).Concat(filter.Clients).Concat(filter.Models).Concat(filter.Agents))}: {string.Join(",", counts)}");
        }

        return all;
    }
}
